package dev.synapsebench.kernels.nd4j;

import com.sun.management.ThreadMXBean;
import dev.synapsebench.core.Availability;
import dev.synapsebench.core.DType;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the contract does not check: the BLAS and thread report, the threads, the failure message,
 * the garbage of load, store and a training step (in both dtypes), and the float32 variant.
 */
class Nd4jKernelTest {

    /**
     * ND4J's executioner allocates its own bookkeeping on every op, whatever the caller does
     * (about 300 bytes for a legacy transform, 600 for a custom op with a reused context: lists of
     * the context's arrays, JavaCPP pointer wrappers; see the README). A kilobyte per op catches a
     * regression to ND4J's convenience calls ({@code Nd4j.gemm}, {@code muli}: 3-6 KB per call)
     * or any array created per step.
     */
    private static final long BYTES_PER_OP = 1024;

    static Stream<Arguments> presets() {
        List<Arguments> cases = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (Workload preset : Workloads.tutorials()) {
                cases.add(Arguments.of(dtype, preset));
            }
        }
        return cases.stream();
    }

    /** One class for both dtypes: withDtype gives the float32 kernel, whose arrays are FLOAT. */
    @Test
    void withDtypeGivesTheFloat32Kernel() {
        Nd4jKernel float64 = new Nd4jKernel();
        assertEquals(DType.FLOAT64, float64.dtype());
        assertSame(float64, float64.withDtype(DType.FLOAT64).orElseThrow());
        MatrixKernel<?> float32 = float64.withDtype(DType.FLOAT32).orElseThrow();
        assertEquals(DType.FLOAT32, float32.dtype());
        assertEquals("nd4j", float32.name());
        assertTrue(float32.description().contains("INDArray (FLOAT)"), float32.description());
        assertTrue(float64.description().contains("INDArray (DOUBLE)"), float64.description());
        assertEquals(DType.FLOAT64, float32.withDtype(DType.FLOAT64).orElseThrow().dtype());
        Nd4jKernel kernel = (Nd4jKernel) float32;
        assertTrue(kernel.availability().available(), kernel.availability()::reason);
        INDArray m = kernel.create(2, 3);
        assertEquals(DataType.FLOAT, m.dataType());
        assertEquals(DataType.DOUBLE, float64.create(2, 3).dataType());
        double[] values = {0.1, -1e-3, 1.0 / 3, 1e30, 16_777_217, -0.0};
        kernel.load(m, values);
        double[] back = new double[values.length];
        kernel.store(m, back);
        for (int i = 0; i < values.length; i++) {
            assertEquals(DType.FLOAT32.round(values[i]), back[i], 0, "element " + i + " rounds to the nearest float");
        }
    }

    @Test
    void isAvailableWithOpenBlas() {
        Availability availability = new Nd4jKernel().availability();
        assertTrue(availability.available(), availability::reason);
        BlasInfo blas = Nd4jKernel.blasInfo();
        assertEquals("OPENBLAS", blas.vendor(), blas::toString);
        assertEquals("", blas.problem(), blas::toString);
        String version = Nd4jBuild.OPENBLAS_VERSION.substring(0, Nd4jBuild.OPENBLAS_VERSION.indexOf('-'));
        assertTrue(blas.config().startsWith("OpenBLAS " + version + " "), () -> blas + ", built with " + version);
        assertFalse(blas.core().isBlank() || blas.core().equals("unknown"), blas::toString);
        assertTrue(blas.poolThreads() >= 1, blas::toString);
    }

    /** The test JVM does not set -Dsynapse.nd4j.threads: one thread for everything, as read back from the libraries. */
    @Test
    @SuppressWarnings("unchecked")
    void runsOnOneThreadByDefault() {
        assumeTrue(System.getProperty(Nd4jThreads.PROPERTY) == null, "this JVM sets -D" + Nd4jThreads.PROPERTY);
        assertTrue(new Nd4jKernel().availability().available());
        BlasInfo blas = Nd4jKernel.blasInfo();
        assertEquals(1, blas.blasThreads(), blas::toString);
        assertEquals(1, blas.opThreads(), blas::toString);
        assertEquals(1, blas.openMpThreads(), blas::toString);
        assertTrue(new Nd4jKernel().description().contains("threads: 1 "), new Nd4jKernel().description());
        Map<String, Object> nd4j = (Map<String, Object>) new Nd4jKernel().environment().get("nd4j");
        assertEquals("1", nd4j.get("threadsRequested"), nd4j::toString);
        assertEquals(1, nd4j.get("blasThreads"), nd4j::toString);
        assertEquals(1, nd4j.get("opThreads"), nd4j::toString);
        assertEquals(1, nd4j.get("openMpThreads"), nd4j::toString);
    }

    /**
     * What the thread counts mean: a large product and a large sigmoid, the ops that would go
     * parallel, keep this process on one core. With two threads the same loop uses about 1.9 cores
     * of CPU time per second on an idle 2-core machine. HotSpot's own compiler and GC threads are
     * not counted: they are not the library's, and a compilation during the loop once added 0.45
     * of a core (measured on the whole process, the check failed at 1.45 cores).
     */
    @Test
    void largeOpsUseOneCore() {
        assumeTrue(System.getProperty(Nd4jThreads.PROPERTY) == null, "this JVM sets -D" + Nd4jThreads.PROPERTY);
        Nd4jKernel kernel = new Nd4jKernel();
        assertTrue(kernel.availability().available(), kernel.availability()::reason);
        int n = 768;
        INDArray a = kernel.create(n, n);
        INDArray b = kernel.create(n, n);
        INDArray c = kernel.create(n, n);
        double[] values = new double[n * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 97) / 97.0 - 0.5;
        }
        kernel.load(a, values);
        kernel.load(b, values);
        kernel.multiply(a, b, c); // binds the op
        kernel.sigmoid(c);
        long cpu = computingThreadsCpuNanos();
        long start = System.nanoTime();
        long wall;
        int calls = 0;
        do {
            kernel.multiply(a, b, c);
            kernel.sigmoid(c);
            calls++;
            wall = System.nanoTime() - start;
        } while (wall < 600_000_000L);
        double cores = (computingThreadsCpuNanos() - cpu) / (double) wall;
        System.out.printf("nd4j: %d products of %dx%d and sigmoids in %.0f ms used %.2f cores%n", calls, n, n,
                wall / 1e6, cores);
        assertTrue(cores < 1.4, () -> "the process used " + cores + " cores of CPU time per second, not one");
    }

    /**
     * CPU time of this process's threads (Linux's {@code /proc/self/task}), HotSpot's JIT compiler
     * and GC threads left out (by the names HotSpot gives them: "C1 CompilerThre", "C2 ...", "GC
     * Thread#0", "G1 Conc#0", "VM Thread" ...), in nanoseconds.
     */
    private static long computingThreadsCpuNanos() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (name.matches("(C1|C2) .*|GC .*|G1 .*|VM .*")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                } catch (IOException ended) {
                    // the thread ended between the listing and the read: it no longer counts
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, where this machine sets them, are gone before OpenBLAS reads them. */
    @Test
    @SuppressWarnings("unchecked")
    void letsOpenBlasPickItsKernels() {
        assumeTrue(System.getProperty(OpenBlasVariables.PROPERTY) == null, "this JVM sets -D" + OpenBlasVariables.PROPERTY);
        Nd4jKernel kernel = new Nd4jKernel();
        assertTrue(kernel.availability().available(), kernel.availability()::reason);
        assertEquals("", OpenBlasVariables.problem());
        Map<String, Object> nd4j = (Map<String, Object>) kernel.environment().get("nd4j");
        for (String name : OpenBlasVariables.IGNORED) {
            assertNull(OpenBlasVariables.nativeValue(name), name);
            assertEquals(System.getenv(name), OpenBlasVariables.removed().get(name), name); // null where not set
            assertEquals(System.getenv(name), ((Map<String, String>) nd4j.get("openBlasVariablesIgnored")).get(name));
        }
    }

    /**
     * The benchmarks reload and check the weights around every measurement iteration: that must not
     * allocate (the values are floats, so float32 keeps them exactly).
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void loadAndStoreAllocateNothing(DType dtype) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Nd4jKernel kernel = new Nd4jKernel(dtype);
        assertTrue(kernel.availability().available(), kernel.availability()::reason);
        INDArray m = kernel.create(784, 128);
        double[] in = new double[784 * 128];
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = i * 0.25 - 1000;
        }
        for (int i = 0; i < 2_000; i++) { // let the JIT compile both
            kernel.load(m, in);
            kernel.store(m, out);
        }
        assertArrayEquals(in, out);
        // The steady state: the quietest of a few windows, because a compilation finishing inside one
        // window (C2 replacing C1's code, an OSR) allocates there once (seen once in CI: 145 B a call).
        int calls = 100;
        double perRoundTrip = Double.MAX_VALUE;
        for (int window = 0; window < 5 && perRoundTrip >= 64; window++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++) {
                kernel.load(m, in);
                kernel.store(m, out);
            }
            perRoundTrip = Math.min(perRoundTrip, (threads.getCurrentThreadAllocatedBytes() - before) / (double) calls);
        }
        double quietest = perRoundTrip;
        assertTrue(quietest < 64, () -> dtype.id() + ": " + quietest
                + " bytes allocated per load and store of a 784x128 matrix, in the quietest of 5 windows of 100");
        assertArrayEquals(in, out);
    }

    @Test
    void readsTheThreadProperty() {
        assertEquals(OptionalInt.of(1), Nd4jThreads.parse(null));
        assertEquals(OptionalInt.of(1), Nd4jThreads.parse(" "));
        assertEquals(OptionalInt.of(2), Nd4jThreads.parse("2"));
        assertEquals(OptionalInt.of(3), Nd4jThreads.parse(" 3 "));
        assertEquals(OptionalInt.empty(), Nd4jThreads.parse("nd4j"));
        assertEquals(OptionalInt.empty(), Nd4jThreads.parse("ND4J"));
        for (String bad : List.of("0", "-1", "two", "1.5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nd4jThreads.parse(bad));
            assertTrue(e.getMessage().contains("-Dsynapse.nd4j.threads") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }

    @Test
    void describesALoadFailureInOneSentence() {
        Throwable failure = new ExceptionInInitializerError(new RuntimeException("backend failed",
                new UnsatisfiedLinkError("no jnind4jcpu in java.library.path: /usr/lib\nsecond line")));
        assertEquals("UnsatisfiedLinkError: no jnind4jcpu in java.library.path: /usr/lib",
                Nd4jProbe.rootCause(failure));
        assertEquals("java.lang.NoClassDefFoundError", Nd4jProbe.rootCause(new NoClassDefFoundError()));
    }

    /** The chains seen when JavaCPP cannot unpack the natives, when a library is missing, and anything else. */
    @Test
    void namesTheNativeLibrariesAndJavaCppsCacheWhenTheyFail() {
        String what = "ND4J's CPU backend (nd4j-native " + Nd4jBuild.PLATFORM + ") cannot run in this JVM: ";
        java.io.IOException unpack = new java.io.FileNotFoundException("/c/openblas.jar/libjniopenblas_nolapack.so"
                + " (Not a directory)");
        UnsatisfiedLinkError link = new UnsatisfiedLinkError(unpack.toString());
        link.initCause(unpack);
        Throwable cache = new ExceptionInInitializerError(new RuntimeException("ND4J is probably missing dependencies."
                + " For more information, please refer to: https://deeplearning4j.konduit.ai/nd4j/backend", link));
        assertEquals(what + "its native libraries could not be unpacked into JavaCPP's cache (FileNotFoundException:"
                + " /c/openblas.jar/libjniopenblas_nolapack.so (Not a directory)); -Dorg.bytedeco.javacpp.cachedir=DIR"
                + " sets a writable one.", Nd4jProbe.loadFailure(cache));
        Throwable missing = new ExceptionInInitializerError(new RuntimeException("ND4J is probably missing"
                + " dependencies.", new UnsatisfiedLinkError("Could not find jniopenblas_nolapack in class, module,"
                + " and library paths.")));
        assertEquals(what + "its native libraries could not be loaded (UnsatisfiedLinkError: Could not find"
                + " jniopenblas_nolapack in class, module, and library paths).", Nd4jProbe.loadFailure(missing));
        assertEquals(what + "NoClassDefFoundError: org/nd4j/linalg/factory/Nd4j.",
                Nd4jProbe.loadFailure(new NoClassDefFoundError("org/nd4j/linalg/factory/Nd4j")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("presets")
    void trainingAllocatesOnlyNd4jsPerOpBookkeeping(DType dtype, Workload preset) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemoryEnabled(), "this JVM does not count allocated bytes per thread");
        Nd4jKernel kernel = new Nd4jKernel(dtype);
        assertTrue(kernel.availability().available(), kernel.availability()::reason);
        Network<INDArray> network = Network.of(kernel, preset);
        network.train(5_000); // warm-up: binds the ops' contexts, creates scratch arrays, lets the JIT compile

        int iterations = 20_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        network.train(iterations);
        double perStep = (threads.getCurrentThreadAllocatedBytes() - before) / (double) iterations;

        // forward: product + sigmoid per layer; output delta: 3 ops; hidden delta: 3 per hidden layer; update: 1 per layer
        int layers = preset.topology().layers();
        int opsPerStep = 2 * layers + 3 + 3 * (layers - 1) + layers;
        System.out.printf("nd4j %s %s: %.0f bytes allocated per training step (%d ND4J ops)%n", dtype.id(), preset.name(),
                perStep, opsPerStep);
        assertTrue(perStep <= opsPerStep * BYTES_PER_OP, () -> dtype.id() + " " + preset.name() + ": " + perStep
                + " bytes per training step, more than " + BYTES_PER_OP + " per ND4J op (" + opsPerStep + " ops)");
    }
}
