/**
 * Enroll-to-verify (Algorithm 1): class prototypes as mean enrolled embeddings, cosine-distance verification, open-set rejection and polar angles (Sec. 5.1).
 */
package org.e2v.enroll;
