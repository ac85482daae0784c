package dev.synapsebench.core;

/**
 * numpy's legacy global generator ({@code np.random.seed(n)}, {@code np.random.random(shape)}),
 * reproduced bit for bit: MT19937 seeded with {@code init_genrand} (not {@code init_by_array},
 * which Python's {@code random} and most Java ports use), doubles from {@code genrand_res53}.
 */
public final class NumpyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;

    /**
     * Same as {@code np.random.seed(seed)} for an integer seed.
     *
     * @throws IllegalArgumentException if {@code seed} is outside numpy's range {@code [0, 2^32-1]}
     */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2^32-1 (4294967295), got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N; // the first draw twists the whole state, as in numpy
    }

    /** The next raw 32-bit output, as an unsigned value. */
    public long nextUInt32() {
        return Integer.toUnsignedLong(nextInt());
    }

    /** {@code np.random.random()}: 53 random bits from two outputs, the first one high. */
    public double nextDouble() {
        long a = nextInt() >>> 5;
        long b = nextInt() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code np.random.random((rows, cols))}, filled in row-major (C) order. */
    public double[] random(int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = nextDouble();
        }
        return values;
    }

    private int nextInt() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }
}
