/**
 * SameDiff prototype encoders and losses. With train, the only package that imports org.nd4j / org.deeplearning4j; nothing leaves it as an INDArray.
 */
package org.e2v.model;
