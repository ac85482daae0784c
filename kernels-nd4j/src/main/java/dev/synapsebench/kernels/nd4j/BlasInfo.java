package dev.synapsebench.kernels.nd4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * What does ND4J's products and element-wise loops here, for benchmark reports.
 *
 * @param vendor        BLAS library behind {@code gemm}, e.g. {@code OPENBLAS}
 * @param blasThreads   threads the BLAS library may use for one call
 * @param openMpThreads threads libnd4j may use for one element-wise op (it goes parallel only on large arrays)
 */
public record BlasInfo(String vendor, int blasThreads, int openMpThreads) {

    /** Of the loaded backend; only call when {@link Nd4jKernel#availability()} says available. */
    static BlasInfo current() {
        var blas = Nd4j.factory().blas();
        return new BlasInfo(blas.getBlasVendor().name(), blas.getMaxThreads(), Nd4j.getEnvironment().maxThreads());
    }

    @Override
    public String toString() {
        return vendor + ", " + blasThreads + " BLAS threads, " + openMpThreads + " OpenMP threads";
    }
}
