package dev.synapsebench.kernels.nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions of ND4J and its natives this module was built with (from the build, not from ND4J
 * itself, so reading them never loads a native library).
 */
public final class Nd4jBuild {

    public static final String ND4J_VERSION;
    public static final String OPENBLAS_VERSION;
    /** The JavaCPP platform whose natives are on the class path, e.g. {@code linux-x86_64}. */
    public static final String PLATFORM;

    static {
        Properties p = new Properties();
        try (InputStream in = Nd4jBuild.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the synapse-kernels-nd4j jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ND4J_VERSION = p.getProperty("nd4j.version");
        OPENBLAS_VERSION = p.getProperty("openblas.version");
        PLATFORM = p.getProperty("platform");
    }

    private Nd4jBuild() {
    }
}
