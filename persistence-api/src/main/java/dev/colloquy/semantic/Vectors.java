package dev.colloquy.semantic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Vectors as Colloquy stores and compares them: 32-bit floats of unit length, stored
 * little-endian, compared by their dot product (their cosine similarity, since both have unit
 * length) summed in double precision in index order, so every backend and every machine computes
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
     * The cosine similarity of two unit vectors of one model: their dot product, from -1 to 1,
     * summed in index order in double precision.
     */
    public static double similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " dimensions");
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** {@link #similarity} of {@code unit} and the stored vector, without decoding it first. */
    public static double similarity(float[] unit, byte[] stored) {
        if (stored.length != unit.length * Float.BYTES) {
            throw new IllegalArgumentException(
                    "a stored vector of " + stored.length + " bytes against one of " + unit.length + " dimensions");
        }
        var floats = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        double sum = 0;
        for (int i = 0; i < unit.length; i++) {
            sum += (double) unit[i] * floats.getFloat(i * Float.BYTES);
        }
        return sum;
    }
}
