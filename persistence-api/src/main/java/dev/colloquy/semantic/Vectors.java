package dev.colloquy.semantic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Vectors as Colloquy stores and compares them: 32-bit floats of unit length, stored
 * little-endian, compared by their dot product (their cosine similarity, since both have unit
 * length) summed in double precision in a fixed order, so every backend and every machine computes
 * the same score from the same stored bytes.
 */
public final class Vectors {

    private Vectors() {}

    /** {@code vector} scaled to unit length; a zero vector (no direction) is refused. */
    public static float[] unit(float[] vector) {
        double squares = 0;
        for (float component : vector) {
            if (!Float.isFinite(component)) {
                throw new IllegalArgumentException("a vector component is not a finite number");
            }
            squares += (double) component * component;
        }
        if (squares == 0) {
            throw new IllegalArgumentException("a zero vector has no direction");
        }
        double length = Math.sqrt(squares);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / length);
        }
        return unit;
    }

    /** The stored form: each component as 4 bytes, little-endian. */
    public static byte[] encode(float[] vector) {
        var buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    /** The vector of its stored form. */
    public static float[] decode(byte[] stored) {
        if (stored.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("a stored vector's length is a multiple of 4, not " + stored.length);
        }
        float[] vector = new float[stored.length / Float.BYTES];
        ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /**
     * The cosine similarity of two unit vectors of one model: their dot product, from -1 to 1. Each
     * product is a 32-bit float, summed in double precision into eight partial sums (components
     * {@code i} with {@code i % 8} = 0 to 7, each in index order), added as {@code ((s0 + s1) + (s2
     * + s3)) + ((s4 + s5) + (s6 + s7))}: a fixed order, so the same vectors give the same score to
     * the bit on every machine, and eight independent sums, which a processor adds at once.
     */
    public static double similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " dimensions");
        }
        return similarity(a, b, 0);
    }

    /**
     * {@link #similarity(float[], float[])} of {@code unit} and the vector stored in {@code
     * vectors} from {@code offset} on (as many components as {@code unit} has).
     */
    public static double similarity(float[] unit, float[] vectors, int offset) {
        double[] sums = null;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int length = unit.length;
        int i = 0;
        for (; i + 7 < length; i += 8) {
            int at = offset + i;
            s0 += unit[i] * vectors[at];
            s1 += unit[i + 1] * vectors[at + 1];
            s2 += unit[i + 2] * vectors[at + 2];
            s3 += unit[i + 3] * vectors[at + 3];
            s4 += unit[i + 4] * vectors[at + 4];
            s5 += unit[i + 5] * vectors[at + 5];
            s6 += unit[i + 6] * vectors[at + 6];
            s7 += unit[i + 7] * vectors[at + 7];
        }
        if (i < length) {
            // The last components of a length that is not a multiple of 8, in their own sums.
            sums = new double[] {s0, s1, s2, s3, s4, s5, s6, s7};
            for (; i < length; i++) {
                sums[i % 8] += unit[i] * vectors[offset + i];
            }
            s0 = sums[0];
            s1 = sums[1];
            s2 = sums[2];
            s3 = sums[3];
            s4 = sums[4];
            s5 = sums[5];
            s6 = sums[6];
            s7 = sums[7];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@link #similarity(float[], float[])} of {@code unit} and a stored vector. */
    public static double similarity(float[] unit, byte[] stored) {
        if (stored.length != unit.length * Float.BYTES) {
            throw new IllegalArgumentException(
                    "a stored vector of " + stored.length + " bytes against one of " + unit.length + " dimensions");
        }
        return similarity(unit, decode(stored), 0);
    }
}
