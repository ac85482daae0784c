package dev.synapsebench.core.testing;

import dev.synapsebench.core.MatrixKernel;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Registers test-only backends the way a kernel module's jar does: a class-path entry holding
 * {@code META-INF/services/dev.synapsebench.core.MatrixKernel}. Tests put that entry on the class
 * path of a JVM they start ({@link #classPathWith}) or of this one ({@link #classLoader}); the
 * classes themselves are already on the test class path.
 */
public final class DropInBackend {

    private DropInBackend() {
    }

    /** Writes the registration of {@code kernels} into {@code directory}; returns it. */
    @SafeVarargs
    public static Path register(Path directory, Class<? extends MatrixKernel<?>>... kernels) throws IOException {
        Path services = directory.resolve("META-INF/services/" + MatrixKernel.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, Arrays.stream(kernels).map(Class::getName).collect(Collectors.joining("\n", "",
                "\n")), StandardCharsets.UTF_8);
        return directory;
    }

    /** This JVM's class path plus {@code entry}, for a JVM a test starts. */
    public static String classPathWith(Path entry) {
        return System.getProperty("java.class.path") + File.pathSeparator + entry.toAbsolutePath();
    }

    /** A loader that sees {@code entry} besides this JVM's class path, as a thread's context class loader for ServiceLoader. */
    public static URLClassLoader classLoader(Path entry) throws MalformedURLException {
        return new URLClassLoader(new URL[] {entry.toUri().toURL()}, DropInBackend.class.getClassLoader());
    }
}
