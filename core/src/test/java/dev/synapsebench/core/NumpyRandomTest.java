package dev.synapsebench.core;

import dev.synapsebench.core.testing.NumpyReference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NumpyRandomTest {

    @Test
    void rawStreamForSeed1IsNumpys() {
        long[] expected = NumpyReference.rawUInt32Seed1();
        NumpyRandom random = new NumpyRandom(1);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], random.nextUInt32(), "raw output " + i);
        }
    }

    @Test
    void doublesForSeed1AreNumpysBitForBit() {
        double[] expected = NumpyReference.doublesSeed1();
        NumpyRandom random = new NumpyRandom(1);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(random.nextDouble()),
                    "double " + i);
        }
    }

    @Test
    void randomFillsRowMajorFromTheSameStream() {
        NumpyRandom a = new NumpyRandom(1);
        NumpyRandom b = new NumpyRandom(1);
        double[] block = a.random(3, 4);
        for (double v : block) {
            assertEquals(v, b.nextDouble());
        }
    }

    @Test
    void seedOutsideNumpysRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(1L << 32));
        new NumpyRandom(0xffffffffL).nextDouble();
    }
}
