package dev.colloquy.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorsTest {

    private static float[] random(Random random, int length) {
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    @Test
    void theSimilarityIsTheDotProductOfAnyLengthInAFixedOrder() {
        var random = new Random(3);
        for (int length : new int[] {1, 3, 7, 8, 13, 384, 385}) {
            float[] a = Vectors.unit(random(random, length));
            float[] b = Vectors.unit(random(random, length));
            double naive = 0;
            for (int i = 0; i < length; i++) {
                naive += (double) a[i] * b[i];
            }
            double similarity = Vectors.similarity(a, b);
            assertThat(similarity).as("length %d", length).isCloseTo(naive, within(1e-6));
            // The same from the stored bytes, from an offset in a longer array, and in either order.
            assertThat(Vectors.similarity(a, Vectors.encode(b))).isEqualTo(similarity);
            float[] padded = new float[length + 5];
            System.arraycopy(b, 0, padded, 5, length);
            assertThat(Vectors.similarity(a, padded, 5)).isEqualTo(similarity);
            assertThat(Vectors.similarity(b, a)).isEqualTo(similarity);
            assertThat(Vectors.similarity(a, a)).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void storedVectorsAreLittleEndianFloatsAndRoundTripExactly() {
        float[] vector = {0.6f, 0.8f};
        assertThat(Vectors.encode(vector)).containsExactly(0x9A, 0x99, 0x19, 0x3F, 0xCD, 0xCC, 0x4C, 0x3F);
        float[] any = random(new Random(5), 384);
        assertThat(Vectors.decode(Vectors.encode(any))).containsExactly(any);
        assertThatThrownBy(() -> Vectors.decode(new byte[7])).hasMessageContaining("multiple of 4");
    }

    @Test
    void aUnitVectorHasLengthOneAndAZeroOrNonFiniteVectorIsRefused() {
        float[] unit = Vectors.unit(new float[] {3, 4});
        assertThat(unit).containsExactly(0.6f, 0.8f);
        assertThatThrownBy(() -> Vectors.unit(new float[3])).hasMessageContaining("zero vector");
        assertThatThrownBy(() -> Vectors.unit(new float[] {1, Float.NaN})).hasMessageContaining("finite");
        assertThatThrownBy(() -> Vectors.similarity(new float[2], new float[3])).hasMessageContaining("dimensions");
        assertThatThrownBy(() -> Vectors.similarity(new float[2], new byte[12])).hasMessageContaining("12 bytes");
        assertThatThrownBy(() -> new VectorModel("m", 2).check(new float[3])).hasMessageContaining("3 dimensions");
    }
}
