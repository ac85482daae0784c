package dev.synapsebench.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link MatrixKernel} backends installed on the class path (ServiceLoader). */
public final class Kernels {

    private Kernels() {
    }

    /** Every installed backend, sorted by name; none of them probed for availability yet. */
    public static List<MatrixKernel<?>> installed() {
        List<MatrixKernel<?>> kernels = new ArrayList<>();
        for (MatrixKernel<?> kernel : ServiceLoader.load(MatrixKernel.class)) {
            kernels.add(kernel);
        }
        kernels.sort(Comparator.comparing(MatrixKernel::name));
        return kernels;
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

    /** Names of the installed backends, for messages. */
    public static List<String> names() {
        return installed().stream().map(MatrixKernel::name).toList();
    }
}
