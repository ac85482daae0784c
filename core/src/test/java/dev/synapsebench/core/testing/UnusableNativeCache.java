package dev.synapsebench.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JavaCPP cache into which no native library can be unpacked, for a JVM a test starts: the
 * real way a backend's natives fail to load (a read-only or full home, a cache folder on a
 * filesystem that refuses it), made reproducible, also as root, and without touching the machine's
 * own cache.
 *
 * <p>JavaCPP unpacks the natives of a jar into {@code CACHEDIR/<jar's file name>/...} and loads them
 * from there ({@code Loader.cacheResource}); here every such folder is taken by an empty regular
 * file, so the first library it unpacks fails with {@code FileNotFoundException: ... (Not a
 * directory)} inside an {@code UnsatisfiedLinkError}, and it falls back to nothing else. (A {@code
 * cachedir} that cannot be created is not enough: JavaCPP then falls back to {@code
 * ~/.javacpp/cache} and {@code java.io.tmpdir}, and loads.)
 */
public final class UnusableNativeCache {

    /** JavaCPP's system property for its cache folder. */
    public static final String PROPERTY = "org.bytedeco.javacpp.cachedir";

    private UnusableNativeCache() {
    }

    /**
     * Makes {@code directory} such a cache for the jars of {@code classPath}; returns the JVM
     * argument that points JavaCPP at it ({@code -Dorg.bytedeco.javacpp.cachedir=...}).
     */
    public static String jvmArgument(Path directory, String classPath) throws IOException {
        Files.createDirectories(directory);
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry).getFileName();
            if (jar != null && jar.toString().endsWith(".jar")) {
                Path blocker = directory.resolve(jar.toString());
                if (!Files.exists(blocker)) {
                    Files.createFile(blocker);
                }
            }
        }
        return "-D" + PROPERTY + "=" + directory.toAbsolutePath();
    }

    /** {@link #jvmArgument(Path, String)} for this JVM's class path. */
    public static String jvmArgument(Path directory) throws IOException {
        return jvmArgument(directory, System.getProperty("java.class.path"));
    }
}
