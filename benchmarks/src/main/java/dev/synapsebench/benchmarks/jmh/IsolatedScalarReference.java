package dev.synapsebench.benchmarks.jmh;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Trains a workload with the scalar kernel inside a class loader of its own.
 *
 * <p>The loader holds a second copy of the core classes and the scalar kernel (parent: the
 * platform loader, so nothing is shared with the benchmark's classes). Its {@code Network} is a
 * different class with its own profile, so running scalar there leaves the type profile of the
 * measured {@code Network}'s kernel calls untouched: in a fork measuring another backend they
 * have only ever seen that backend. The classes are reached by reflection, which is fine for a one-off check.
 */
final class IsolatedScalarReference {

    private static final String CORE = "dev.synapsebench.core.";

    /** Initial weights, weights after training, and the output of the last training step. */
    record Trained(List<Matrix> initialWeights, List<Matrix> weights, Matrix lastOutput) {
    }

    private IsolatedScalarReference() {
    }

    /** @param dtype scalar's variant to train with (float32: its generated twin) */
    static Trained train(Workload workload, int steps, DType dtype) {
        return train(workload, workload.seed(), steps, dtype);
    }

    /**
     * The workload's network and training set from numpy's initial weights for {@code seed} instead of
     * the workload's own (a member of a batch, {@link ManyNetworks}).
     */
    static Trained train(Workload workload, long seed, int steps, DType dtype) {
        // Only to locate its class and jar; this instance is never handed to a Network here.
        MatrixKernel<?> scalar = Kernels.byName(Kernels.REFERENCE).flatMap(k -> k.withDtype(dtype)).orElseThrow(() ->
                new IllegalStateException("the reference backend " + Kernels.REFERENCE + " in " + dtype.id()
                        + " is not on the class path (module kernels-scalar)"));
        try (URLClassLoader loader = new URLClassLoader(urls(Network.class, scalar.getClass()),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> kernelType = loader.loadClass(CORE + "MatrixKernel");
            Class<?> workloadType = loader.loadClass(CORE + "Workload");
            Class<?> networkType = loader.loadClass(CORE + "Network");
            Class<?> topologyType = loader.loadClass(CORE + "Topology");
            Class<?> trainingSetType = loader.loadClass(CORE + "TrainingSet");
            Object kernel = loader.loadClass(scalar.getClass().getName()).getConstructor().newInstance();
            Object isolatedWorkload = loader.loadClass(CORE + "Workloads").getMethod("resolve", String.class)
                    .invoke(null, workload.benchmarkName());

            Object network = networkType.getMethod("seeded", kernelType, topologyType, trainingSetType, long.class)
                    .invoke(null, kernel, workloadType.getMethod("topology").invoke(isolatedWorkload),
                            workloadType.getMethod("trainingSet").invoke(isolatedWorkload), seed);
            Method weights = networkType.getMethod("weights");
            List<Matrix> initial = copy((List<?>) weights.invoke(network));
            networkType.getMethod("train", long.class).invoke(network, (long) steps);
            return new Trained(initial, copy((List<?>) weights.invoke(network)),
                    copy(networkType.getMethod("lastOutput").invoke(network)));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the scalar reference failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the scalar reference in its own class loader: " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL[] urls(Class<?>... classes) {
        Set<URL> urls = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from");
            }
            urls.add(source.getLocation());
        }
        return urls.toArray(URL[]::new);
    }

    /** An isolated {@code Matrix} (or list of them) as one of ours. */
    private static List<Matrix> copy(List<?> matrices) throws ReflectiveOperationException {
        List<Matrix> out = new ArrayList<>(matrices.size());
        for (Object m : matrices) {
            out.add(copy(m));
        }
        return out;
    }

    private static Matrix copy(Object matrix) throws ReflectiveOperationException {
        Class<?> type = matrix.getClass();
        return new Matrix((int) type.getMethod("rows").invoke(matrix), (int) type.getMethod("cols").invoke(matrix),
                (double[]) type.getMethod("values").invoke(matrix));
    }
}
