package org.e2v.features;

import java.util.Arrays;

/**
 * An n-dimensional numeric array read from a NumPy file, converted to float and laid out in C
 * (row-major) order whatever the file's order was.
 *
 * @param shape the dimensions, outermost first (empty for a 0-d scalar)
 * @param data  the values, row-major, length = product of the shape
 * @param dtype the NumPy dtype string of the source ("<f4", ">f8", "|u1", ...)
 */
public record NpyArray(int[] shape, float[] data, String dtype) {
    public NpyArray {
        shape = shape.clone();
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
        }
    }

    public int[] shape() {
        return shape.clone();
    }

    /** Shape as NumPy prints it: "(3, 4)", "(5,)". */
    public String shapeText() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }
}
