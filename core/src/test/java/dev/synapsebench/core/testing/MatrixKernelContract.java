package dev.synapsebench.core.testing;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.SyntheticData;
import dev.synapsebench.core.TrainingSet;
import dev.synapsebench.core.Workloads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one test suite every backend runs (each kernel module has a subclass naming its kernel):
 * every operation on random shapes against {@link ReferenceOps}, and full training of the four
 * tutorial programs against numpy's reference values.
 *
 * <p>Tolerances are relative (absolute for values near 0). A backend that changes summation order
 * or uses FMA overrides {@link #operationTolerance()} / {@link #numpyTolerance()} and says why.
 *
 * @param <M> the kernel's matrix handle type
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MatrixKernelContract<M> {

    /** float64 parity with numpy the project promises unless a backend states otherwise. */
    public static final double NUMPY_PARITY = 1e-12;

    /** float32 parity with numpy float32 (issue 11); numpy itself moves by about 2e-6 under another summation order. */
    public static final double FLOAT32_NUMPY_PARITY = 1e-5;

    /**
     * A float32 element-wise operation against the float64 reference on the same (float32) inputs:
     * a few float32 roundings (2^-24 = 6e-8 each), e.g. exp, 1 + e and 1 / x in the sigmoid.
     */
    public static final double FLOAT32_ELEMENTWISE = 1e-6;

    /**
     * A float32 product element against the float64 reference, relative to the sum of its terms'
     * magnitudes: a float32 sum of n terms may be off by n x 2^-24 of that (3.6e-5 at the
     * contract's longest inner length, 600), whatever the order.
     */
    public static final double FLOAT32_PRODUCTS = 1e-4;

    private MatrixKernel<M> kernel;

    /** A new instance of the kernel under test. */
    protected abstract MatrixKernel<M> createKernel();

    /**
     * Allowed difference of single operations from {@link ReferenceOps} (0 = identical bits),
     * computed in float64 on the values the kernel holds.
     */
    protected double operationTolerance() {
        return isFloat32() ? FLOAT32_ELEMENTWISE : NUMPY_PARITY;
    }

    /** Allowed difference of a product element, relative to the sum of its terms' magnitudes. */
    protected double productTolerance() {
        return isFloat32() ? FLOAT32_PRODUCTS : operationTolerance();
    }

    /** Allowed difference of trained weights and outputs from numpy's (in the kernel's dtype). */
    protected double numpyTolerance() {
        return isFloat32() ? FLOAT32_NUMPY_PARITY : NUMPY_PARITY;
    }

    /**
     * Whether {@link Network#trainingStep()} allocates nothing on this backend once compiled. A
     * backend whose library allocates per call overrides this with false and says why.
     */
    protected boolean allocationFreeTrainingLoop() {
        return true;
    }

    @BeforeAll
    void requireAvailable() {
        kernel = createKernel();
        // Not an assumption: an unavailable backend fails its tests instead of being skipped silently.
        assertTrue(kernel.availability().available(),
                () -> kernel.name() + " is not available here: " + kernel.availability().reason());
    }

    protected final MatrixKernel<M> kernel() {
        return kernel;
    }

    private boolean isFloat32() {
        return dtype() == DType.FLOAT32;
    }

    private DType dtype() {
        return (kernel != null ? kernel : createKernel()).dtype();
    }

    @Test
    void isInstalledUnderItsName() {
        assertTrue(Kernels.byName(kernel.name()).isPresent(),
                () -> kernel.name() + " is not registered in META-INF/services for ServiceLoader; found "
                        + Kernels.names());
        MatrixKernel<?> installed = Kernels.available(kernel.name(), kernel.dtype());
        assertEquals(kernel.getClass(), installed.getClass(), "the installed backend's " + kernel.dtype().id() + " variant");
        assertEquals(kernel.dtype(), installed.dtype());
    }

    /** Loading rounds to the dtype (numpy's astype), storing gives back exactly what is held. */
    @Test
    void loadsAndStoresUnchanged() {
        Matrix m = random(new Random(7), 5, 9, 1e3);
        assertEquals(m, roundTrip(m));
        Matrix unrounded = new Matrix(1, 3, new double[] {0.1, 1.0 / 3, Math.PI});
        assertEquals(held(unrounded), roundTrip(unrounded));
        assertEquals(5, kernel.rows(upload(m)));
        assertEquals(9, kernel.cols(upload(m)));
    }

    // ---- operations, random shapes ----

    /**
     * (n, inner, m) triples from 1 to 67 x 129: odd, below, at and above common vector lengths;
     * and a few larger ones, past the blocking of register-tiled kernels: inner sums longer than
     * 256 and 512 (cut into blocks), and output rows and columns past whole tiles (32 x 6 on
     * AVX-512) with every kind of edge.
     */
    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        int[][] fixed = {{1, 1, 1}, {4, 3, 4}, {4, 4, 1}, {7, 3, 4}, {7, 4, 1}, {2, 2, 2}, {8, 8, 8}, {9, 7, 17},
                {16, 16, 16}, {3, 129, 5}, {67, 129, 67}, {67, 1, 129}, {1, 129, 1}, {33, 65, 31},
                {70, 520, 20}, {96, 257, 13}, {130, 40, 71}, {41, 300, 6}, {17, 600, 3}};
        for (int[] s : fixed) {
            shapes.add(Arguments.of(s[0], s[1], s[2]));
        }
        Random random = new Random(20261123);
        for (int i = 0; i < 16; i++) {
            shapes.add(Arguments.of(1 + random.nextInt(67), 1 + random.nextInt(129), 1 + random.nextInt(67)));
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "{0}x{1} . {1}x{2}")
    @MethodSource("shapes")
    void multiply(int n, int inner, int m) {
        Random random = new Random(n * 1_000_003L + inner * 1009L + m);
        Matrix a = random(random, n, inner, 1);
        Matrix b = random(random, inner, m, 1);
        M out = kernel.create(n, m);
        kernel.multiply(upload(a), upload(b), out);
        assertProductClose(ReferenceOps.multiply(a, b), ReferenceOps.productMagnitude(a, b), download(out), "a.b");
    }

    @ParameterizedTest(name = "{0}x{1} . ({2}x{1})T")
    @MethodSource("shapes")
    void multiplyTransB(int n, int inner, int m) {
        Random random = new Random(n * 1_000_003L + inner * 1009L + m + 1);
        Matrix a = random(random, n, inner, 1);
        Matrix b = random(random, m, inner, 1);
        M out = kernel.create(n, m);
        kernel.multiplyTransB(upload(a), upload(b), out);
        Matrix bt = ReferenceOps.transpose(b);
        assertProductClose(ReferenceOps.multiply(a, bt), ReferenceOps.productMagnitude(a, bt), download(out),
                "a.bT");
    }

    @ParameterizedTest(name = "c{0}x{2} += ({1}x{0})T . {1}x{2}")
    @MethodSource("shapes")
    void multiplyAddTransA(int n, int inner, int m) {
        Random random = new Random(n * 1_000_003L + inner * 1009L + m + 2);
        Matrix a = random(random, inner, n, 1);
        Matrix b = random(random, inner, m, 1);
        Matrix c = random(random, n, m, 10);
        M handle = upload(c);
        kernel.multiplyAddTransA(upload(a), upload(b), handle);
        Matrix at = ReferenceOps.transpose(a);
        Matrix magnitude = ReferenceOps.add(ReferenceOps.abs(c), ReferenceOps.productMagnitude(at, b));
        assertProductClose(ReferenceOps.add(c, ReferenceOps.multiply(at, b)), magnitude, download(handle),
                "c + aT.b");
    }

    @ParameterizedTest(name = "{0}x{2}")
    @MethodSource("shapes")
    void sigmoid(int n, int inner, int m) {
        Matrix x = random(new Random(n + 31L * m), n, m, 40);
        M handle = upload(x);
        kernel.sigmoid(handle);
        Tolerance.assertClose(ReferenceOps.sigmoid(x), download(handle), operationTolerance(), "sigmoid");
    }

    @Test
    void sigmoidAtTheEdgesOfTheDoubleRange() {
        double[] x = {0.0, -0.0, 1e-300, -1e-300, 36.7, -36.7, 709.0, -709.0, 710.0, -710.0, 745.2, -745.2, 800, -800,
                Double.MAX_VALUE, -Double.MAX_VALUE};
        Matrix m = held(new Matrix(1, x.length, x));
        M handle = upload(m);
        kernel.sigmoid(handle);
        Tolerance.assertClose(ReferenceOps.sigmoid(m), download(handle), operationTolerance(), "sigmoid edges");
    }

    @ParameterizedTest(name = "{0}x{2}")
    @MethodSource("shapes")
    void outputDelta(int n, int inner, int m) {
        Random random = new Random(n + 37L * m);
        Matrix target = random(random, n, m, 1);
        Matrix output = held(ReferenceOps.sigmoid(random(random, n, m, 8)));
        M delta = kernel.create(n, m);
        kernel.outputDelta(upload(target), upload(output), delta);
        Tolerance.assertClose(ReferenceOps.outputDelta(target, output), download(delta), operationTolerance(),
                "outputDelta");
    }

    @ParameterizedTest(name = "{0}x{2}")
    @MethodSource("shapes")
    void scaleBySigmoidDerivative(int n, int inner, int m) {
        Random random = new Random(n + 41L * m);
        Matrix delta = random(random, n, m, 1);
        Matrix activation = held(ReferenceOps.sigmoid(random(random, n, m, 8)));
        M handle = upload(delta);
        kernel.scaleBySigmoidDerivative(handle, upload(activation));
        Tolerance.assertClose(ReferenceOps.scaleBySigmoidDerivative(delta, activation), download(handle),
                operationTolerance(), "delta * a(1-a)");
    }

    @ParameterizedTest(name = "sigmoid({0}x{1} . {1}x{2})")
    @MethodSource("shapes")
    void forwardLayer(int n, int inner, int m) {
        Random random = new Random(n * 7L + inner * 11L + m * 13L);
        Matrix input = random(random, n, inner, 1);
        Matrix weights = random(random, inner, m, 1);
        M out = kernel.create(n, m);
        kernel.forwardLayer(upload(input), upload(weights), out);
        // the sigmoid of a product carries the product's rounding, damped (its slope is at most 1/4)
        Tolerance.assertClose(ReferenceOps.sigmoid(ReferenceOps.multiply(input, weights)), download(out),
                Math.max(operationTolerance(), productTolerance()), "forwardLayer");
    }

    @ParameterizedTest(name = "({0}x{1} . ({2}x{1})T) * a(1-a)")
    @MethodSource("shapes")
    void hiddenDelta(int n, int inner, int m) {
        Random random = new Random(n * 17L + inner * 19L + m * 23L);
        Matrix nextDelta = random(random, n, inner, 1);
        Matrix nextWeights = random(random, m, inner, 1);
        Matrix activation = held(ReferenceOps.sigmoid(random(random, n, m, 8)));
        M delta = kernel.create(n, m);
        kernel.hiddenDelta(upload(nextDelta), upload(nextWeights), upload(activation), delta);
        Matrix product = ReferenceOps.multiply(nextDelta, ReferenceOps.transpose(nextWeights));
        Matrix magnitude = ReferenceOps.productMagnitude(nextDelta, ReferenceOps.transpose(nextWeights));
        Matrix derivative = ReferenceOps.scaleBySigmoidDerivative(ReferenceOps.abs(magnitude), activation);
        assertProductClose(ReferenceOps.scaleBySigmoidDerivative(product, activation), derivative, download(delta),
                "hiddenDelta");
    }

    // ---- the tutorial programs against numpy ----

    static Stream<NumpyReference.Case> cases() {
        return NumpyReference.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void initialWeightsAreNumpysBitForBit(NumpyReference.Case reference) {
        Network<M> network = Network.of(kernel, reference.preset());
        List<Matrix> expected = isFloat32() ? Float32Reference.of(reference.preset().name()).initialWeights()
                : reference.initialWeights();
        List<Matrix> actual = network.weights();
        assertEquals(expected.size(), actual.size());
        for (int l = 0; l < expected.size(); l++) {
            Tolerance.assertBitExact(expected.get(l), actual.get(l), "W" + l);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainsLikeNumpy(NumpyReference.Case reference) {
        Workload preset = reference.preset();
        if (isFloat32()) {
            trainsLikeNumpyFloat32(preset);
            return;
        }
        Network<M> network = Network.of(kernel, preset);
        int done = 0;
        for (NumpyReference.Checkpoint checkpoint : reference.checkpoints()) {
            network.train(checkpoint.iterations() - done);
            done = checkpoint.iterations();
            String at = reference + " after " + done + " iterations, ";
            assertWeightsClose(checkpoint.weights(), network.weights(), at);
            Tolerance.assertClose(checkpoint.output(), network.outputWithCurrentWeights(), numpyTolerance(),
                    at + "output");
        }
        assertEquals(preset.iterations(), done, "the last checkpoint is the end of training");
        assertWeightsClose(reference.finalWeights(), network.weights(), reference + " final ");
        Tolerance.assertClose(reference.finalOutput(), network.lastOutput(), numpyTolerance(),
                reference + " output of the last iteration");
        Tolerance.assertClose(reference.outputWithFinalWeights(), network.outputWithCurrentWeights(),
                numpyTolerance(), reference + " output with the final weights");

        List<Matrix> prediction = network.predict(reference.predictionInput());
        Tolerance.assertClose(reference.predictionOutput(), prediction.get(prediction.size() - 1), numpyTolerance(),
                reference + " prediction");
        if (reference.predictionHidden() != null) {
            Tolerance.assertClose(reference.predictionHidden(), prediction.get(0), numpyTolerance(),
                    reference + " prediction, hidden layer");
        }
    }

    /** numpy float32's weights and outputs after the preset's whole training (the file has no checkpoints). */
    private void trainsLikeNumpyFloat32(Workload preset) {
        Float32Reference.Case reference = Float32Reference.of(preset.name());
        Network<M> network = Network.of(kernel, preset);
        network.train(reference.iterations());
        assertWeightsClose(reference.weights(), network.weights(), reference + " final ");
        Tolerance.assertClose(reference.lastIterationOutput(), network.lastOutput(), numpyTolerance(),
                reference + " output of the last iteration");
        Tolerance.assertClose(reference.output(), network.outputWithCurrentWeights(), numpyTolerance(),
                reference + " output with the final weights");
        if (reference.prediction() != null) {
            List<Matrix> prediction = network.predict(reference.predictionInput());
            Tolerance.assertClose(reference.prediction(), prediction.get(prediction.size() - 1), numpyTolerance(),
                    reference + " prediction");
        }
    }

    /** The numbers the tutorials print, at the precision they print them (float64: what they ran). */
    @Test
    void reproducesTheTutorialsPrintedNumbers() {
        org.junit.jupiter.api.Assumptions.assumeFalse(isFloat32(), "the tutorials printed float64 results");
        Network<M> single = trained(Workloads.SINGLE_NEURON);
        assertPrinted("0.99993704", lastValue(single.predict(new double[] {1, 0, 0})));

        Network<M> multi = trained(Workloads.MULTI_LAYER);
        assertPrinted("0.0078876", lastValue(multi.predict(new double[] {1, 1, 0})));

        Network<M> xor = trained(Workloads.XOR_3LAYER);
        String[] printed = {"0.00287151", "0.99637876", "0.99671879", "0.00426668"};
        Matrix output = xor.lastOutput();
        for (int i = 0; i < printed.length; i++) {
            assertPrinted(printed[i], output.get(i, 0));
        }
    }

    // ---- a mid-size synthetic network (the sweep's data, three layers) ----

    /**
     * Tolerance against numpy for the synthetic network: 1e-9 relative, the sweep's parity
     * tolerance. Its products sum 30-50 terms over 80 examples for 300 steps, so the backends'
     * summation orders and FMA drift further apart than on the tutorials (seen: 6e-13 for the
     * weights at most); 1e-9 still catches any real error.
     */
    protected static final double SYNTHETIC_TOLERANCE = 1e-9;

    @Test
    void midSizeSyntheticNetworkTrainsLikeNumpyFloat32() {
        org.junit.jupiter.api.Assumptions.assumeTrue(isFloat32(), "float32 only");
        Float32Reference.Case reference = Float32Reference.of(Float32Reference.SYNTHETIC);
        TrainingSet set = SyntheticData.trainingSet(reference.topology(), reference.examples(), reference.seed());
        Tolerance.assertBitExact(reference.inputs(), held(set.inputs()), reference + " X");
        Tolerance.assertBitExact(reference.targets(), held(set.targets()), reference + " y");
        Network<M> network = Network.seeded(kernel, reference.topology(), set, reference.seed());
        List<Matrix> initial = network.weights();
        for (int l = 0; l < initial.size(); l++) {
            Tolerance.assertBitExact(reference.initialWeights().get(l), initial.get(l), reference + " initial W" + l);
        }
        network.train(reference.iterations());
        assertWeightsClose(reference.weights(), network.weights(), reference + " after " + reference.iterations()
                + " iterations, ");
        Tolerance.assertClose(reference.lastIterationOutput(), network.lastOutput(), numpyTolerance(),
                reference + " output of the last iteration");
        Tolerance.assertClose(reference.output(), network.outputWithCurrentWeights(), numpyTolerance(),
                reference + " output with the final weights");
    }

    @Test
    void midSizeSyntheticNetworkTrainsLikeNumpy() {
        org.junit.jupiter.api.Assumptions.assumeFalse(isFloat32(), "float64 only (float32: its own reference)");
        SyntheticReference reference = SyntheticReference.load();
        TrainingSet set = SyntheticData.trainingSet(reference.topology(), reference.examples(), reference.seed());
        Tolerance.assertBitExact(reference.inputs(), set.inputs(), reference + " X");
        Tolerance.assertBitExact(reference.targets(), set.targets(), reference + " y");
        Network<M> network = Network.seeded(kernel, reference.topology(), set, reference.seed());
        List<Matrix> initial = network.weights();
        for (int l = 0; l < initial.size(); l++) {
            Tolerance.assertBitExact(reference.initialWeights().get(l), initial.get(l), reference + " initial W" + l);
        }
        network.train(reference.iterations());
        List<Matrix> trained = network.weights();
        for (int l = 0; l < trained.size(); l++) {
            Tolerance.assertClose(reference.weights().get(l), trained.get(l), SYNTHETIC_TOLERANCE,
                    reference + " after " + reference.iterations() + " iterations, W" + l);
        }
        Tolerance.assertClose(reference.lastIterationOutput(), network.lastOutput(), SYNTHETIC_TOLERANCE,
                reference + " output of the last iteration");
        Tolerance.assertClose(reference.output(), network.outputWithCurrentWeights(), SYNTHETIC_TOLERANCE,
                reference + " output with the final weights");
    }

    // ---- allocation ----

    /**
     * Once the JIT has compiled the loop (and escape analysis removed temporaries such as Vector API
     * vectors), 10^5 training steps must not allocate. Warm-up runs windows of 10^5 steps until 5 in a
     * row are clean or 30 s have passed ({@link #allocatedAfterWarmUp}) (interpreted and C1 code box vectors; C2 may take a while on a
     * busy machine), then a fresh window is measured. Slack: 512 bytes for the measurement itself;
     * a single allocation per step would show as >= 1.6 MB. Every tutorial program is checked: their
     * shapes take different code paths in a backend that lays matrices out by size (simd packs the
     * 4-example sets two columns to a vector, the 7-example set one).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allocationPresets")
    void trainingLoopAllocatesNothing(Workload preset) {
        org.junit.jupiter.api.Assumptions.assumeTrue(allocationFreeTrainingLoop(),
                () -> kernel.name() + " declares that its library allocates per call");
        Network<M> network = Network.of(kernel, preset);
        long allocated = allocatedAfterWarmUp(network, 100_000, 0);
        assertTrue(allocated < 512, () -> kernel.name() + " allocated " + allocated + " bytes in 100000 training steps of "
                + preset.name());
    }

    /**
     * Bytes this thread allocates in a window of {@code steps} training steps once the code is
     * warm: first at least {@code minimumWarmUpNanos} of training, then windows until 5 in a row
     * are clean (under 512 bytes) or 30 s have passed, then the window measured. One clean window
     * is not enough: it can fall between two JIT compilations, and the next one still allocate
     * (seen on CI: ejml at 8-16-1x16, 1072 and 1512 bytes 40 ms in). Also for backends' own tests.
     */
    public static long allocatedAfterWarmUp(Network<?> network, int steps, long minimumWarmUpNanos) {
        long start = System.nanoTime(), deadline = start + 30_000_000_000L;
        while (System.nanoTime() - start < minimumWarmUpNanos) {
            network.train(steps);
        }
        for (int cleanInARow = 0; cleanInARow < 5 && System.nanoTime() < deadline; ) {
            cleanInARow = allocatedBytes(network, steps) < 512 ? cleanInARow + 1 : 0;
        }
        return allocatedBytes(network, steps);
    }

    /** Bytes this thread allocates while {@code network} trains {@code steps} steps. */
    private static long allocatedBytes(Network<?> network, int steps) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        network.train(steps);
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    static Stream<Workload> allocationPresets() {
        return Workloads.tutorials().stream();
    }

    // ---- helpers ----

    private Network<M> trained(Workload preset) {
        Network<M> network = Network.of(kernel, preset);
        network.train(preset.iterations());
        return network;
    }

    private static double lastValue(List<Matrix> layers) {
        return layers.get(layers.size() - 1).get(0, 0);
    }

    private static void assertPrinted(String printed, double actual) {
        BigDecimal expected = new BigDecimal(printed);
        BigDecimal rounded = new BigDecimal(actual).setScale(expected.scale(), RoundingMode.HALF_EVEN);
        assertEquals(expected, rounded, () -> "printed " + printed + ", got " + actual);
    }

    private void assertWeightsClose(List<Matrix> expected, List<Matrix> actual, String at) {
        assertEquals(expected.size(), actual.size(), at + "layers");
        for (int l = 0; l < expected.size(); l++) {
            Tolerance.assertClose(expected.get(l), actual.get(l), numpyTolerance(), at + "W" + l);
        }
    }

    /**
     * A product element may differ from the reference by the tolerance times the sum of its terms'
     * magnitudes (a reordered or fused sum cannot do better on a cancelling sum).
     */
    private void assertProductClose(Matrix expected, Matrix magnitude, Matrix actual, String what) {
        assertEquals(expected.rows(), actual.rows(), what + ": rows");
        assertEquals(expected.cols(), actual.cols(), what + ": cols");
        double tolerance = productTolerance();
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                boolean same = Double.doubleToLongBits(e) == Double.doubleToLongBits(a);
                if (!same && (tolerance == 0 || !(Math.abs(e - a) <= tolerance * magnitude.get(i, j)))) {
                    fail(String.format("%s %dx%d: element (%d,%d) expected %s but was %s (allowed %.3g x %s)", what,
                            expected.rows(), expected.cols(), i, j, e, a, tolerance, magnitude.get(i, j)));
                }
            }
        }
    }

    private M upload(Matrix m) {
        M handle = kernel.create(m.rows(), m.cols());
        kernel.load(handle, m.values());
        return handle;
    }

    private Matrix download(M handle) {
        double[] values = new double[kernel.rows(handle) * kernel.cols(handle)];
        kernel.store(handle, values);
        return new Matrix(kernel.rows(handle), kernel.cols(handle), values);
    }

    private Matrix roundTrip(Matrix m) {
        return download(upload(m));
    }

    /** Uniform in [-scale, scale), as the kernel holds it (float32: rounded), so references see the kernel's inputs. */
    private Matrix random(Random random, int rows, int cols, double scale) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * scale;
        }
        return held(new Matrix(rows, cols, values));
    }

    /** {@code m} as the kernel under test holds it: rounded to its dtype. */
    private Matrix held(Matrix m) {
        DType dtype = dtype();
        double[] values = m.values().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] = dtype.round(values[i]);
        }
        return new Matrix(m.rows(), m.cols(), values);
    }
}
