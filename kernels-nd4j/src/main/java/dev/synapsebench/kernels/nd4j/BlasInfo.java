package dev.synapsebench.kernels.nd4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * What runs ND4J's products and element-wise ops here, as the libraries report it (read back, not
 * the values asked for), for benchmark reports.
 *
 * @param vendor          BLAS library behind {@code gemm}, e.g. {@code OPENBLAS}
 * @param config          OpenBLAS's {@code openblas_get_config()} (version, build, kernel), or
 *                        {@code "unknown"} when it could not be asked (see {@code problem})
 * @param core            the CPU kernels OpenBLAS runs ({@code openblas_get_corename()}), e.g.
 *                        {@code Haswell}, {@code SkylakeX}; {@code "unknown"} when it could not be asked
 * @param blasThreads     threads one BLAS call may use ({@code openblas_get_num_threads()}); ND4J's
 *                        record of the last request when OpenBLAS could not be asked
 * @param opThreads       threads one libnd4j op may split into ({@code maxMasterThreads})
 * @param openMpThreads   OpenMP's {@code omp_get_max_threads()} in libnd4j
 * @param poolThreads     size of libnd4j's thread pool ({@code maxThreads}, fixed at load; the
 *                        threads past {@code opThreads} stay idle)
 * @param problem         empty, or why OpenBLAS could not be asked directly
 */
public record BlasInfo(String vendor, String config, String core, int blasThreads, int opThreads, int openMpThreads,
                       int poolThreads, String problem) {

    /** Of the loaded backend; only call when {@link Nd4jKernel#availability()} says available. */
    static BlasInfo current() {
        var blas = Nd4j.factory().blas();
        var environment = Nd4j.getEnvironment();
        int openMp = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        String config = "unknown";
        String core = "unknown";
        int blasThreads;
        String problem = "";
        try {
            blasThreads = OpenBlas.threads();
            config = OpenBlas.config();
            core = OpenBlas.coreName();
        } catch (RuntimeException | LinkageError e) { // no JNA, no native dispatch for this platform, ...
            blasThreads = blas.getMaxThreads();
            problem = "OpenBLAS could not be asked (" + Nd4jProbe.rootCause(e)
                    + "); blasThreads is ND4J's record of the last request";
        }
        return new BlasInfo(blas.getBlasVendor().name(), config, core, blasThreads, environment.maxMasterThreads(),
                openMp, environment.maxThreads(), problem);
    }

    @Override
    public String toString() {
        return vendor + " (" + config + "), " + blasThreads + " BLAS threads, " + opThreads + " op threads (pool of "
                + poolThreads + "), " + openMpThreads + " OpenMP threads" + (problem.isEmpty() ? "" : "; " + problem);
    }
}
