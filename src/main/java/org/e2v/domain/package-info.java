/**
 * Plain records shared by every layer: utterances, labels, speakers, feature matrices, embeddings, prototypes, splits. Records only; no library types.
 */
package org.e2v.domain;
