package dev.synapsebench.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the {@link MatrixKernel} backends installed on the class path (ServiceLoader). */
public final class Kernels {

    /** The reference backend: plain loops in numpy's summation order, the one every other is checked and compared against. */
    public static final String REFERENCE = "scalar";

    private Kernels() {
    }

    /**
     * Every installed backend that could be instantiated, sorted by name; none of them probed for
     * availability yet. A registered provider that fails to load is left out (see {@link #unloadable()}),
     * so one broken backend never takes the others down.
     */
    public static List<MatrixKernel<?>> installed() {
        List<MatrixKernel<?>> kernels = new ArrayList<>();
        scan(kernels, new ArrayList<>());
        kernels.sort(Comparator.comparing(MatrixKernel::name));
        return kernels;
    }

    /**
     * Names of the installed backends in the order a run measures and reports them: the
     * {@link #REFERENCE} first, then the others in the order the class path registers them (the
     * order of {@code backends/pom.xml}).
     */
    public static List<String> runOrder() {
        List<MatrixKernel<?>> found = new ArrayList<>();
        scan(found, new ArrayList<>());
        List<String> names = new ArrayList<>();
        for (MatrixKernel<?> kernel : found) {
            if (kernel.name().equals(REFERENCE)) {
                names.add(0, kernel.name());
            } else if (!names.contains(kernel.name())) {
                names.add(kernel.name());
            }
        }
        return names;
    }

    /** One sentence per registered provider that could not be loaded or instantiated. */
    public static List<String> unloadable() {
        List<String> problems = new ArrayList<>();
        scan(new ArrayList<>(), problems);
        return problems;
    }

    @SuppressWarnings("rawtypes")
    private static void scan(List<MatrixKernel<?>> kernels, List<String> problems) {
        Iterator<MatrixKernel> providers = ServiceLoader.load(MatrixKernel.class).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return;
                }
                kernels.add(providers.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // ServiceLoader's iterator goes on with the next provider after an error.
                problems.add(String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
            }
        }
    }

    /** The installed backend called {@code name}, if any. */
    public static Optional<MatrixKernel<?>> byName(String name) {
        return installed().stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /**
     * The installed backend called {@code name}, checked to be available here.
     *
     * @throws IllegalArgumentException with one sentence saying why not (unknown name, or the
     *                                  backend's own reason for being unavailable)
     */
    public static MatrixKernel<?> available(String name) {
        MatrixKernel<?> kernel = byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown backend '" + name + "'; installed: " + String.join(", ", names())));
        Availability availability = kernel.availability();
        if (!availability.available()) {
            throw new IllegalArgumentException("backend '" + name + "' is not available here: " + availability.reason());
        }
        return kernel;
    }

    /**
     * The installed backend called {@code name}, available here, computing in {@code dtype}.
     *
     * @throws IllegalArgumentException with one sentence when it is unknown, unavailable, or has no
     *                                  variant for {@code dtype}
     */
    public static MatrixKernel<?> available(String name, DType dtype) {
        return available(name).withDtype(dtype).orElseThrow(() -> new IllegalArgumentException(
                "backend '" + name + "' has no " + dtype.id() + " variant"));
    }

    /**
     * The JVM options a JVM of Java {@code javaFeatureVersion} needs so that every installed backend
     * can run in it: the union of their {@link MatrixKernel#jvmOptions()} declarations, sorted.
     */
    public static List<String> jvmOptions(int javaFeatureVersion) {
        return JvmOption.forJava(declaredJvmOptions(), javaFeatureVersion);
    }

    /** Every installed backend's declared JVM options, with the Java versions they apply from. */
    public static List<JvmOption> declaredJvmOptions() {
        List<JvmOption> options = new ArrayList<>();
        for (MatrixKernel<?> kernel : installed()) {
            options.addAll(kernel.jvmOptions());
        }
        return options;
    }

    /** Names of the installed backends, for messages. */
    public static List<String> names() {
        return installed().stream().map(MatrixKernel::name).toList();
    }
}
