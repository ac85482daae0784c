package dev.synapsebench.kernels.ejml;

import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.testing.MatrixKernelContract;
import org.ejml.data.DMatrixRMaj;

/**
 * EJML against the contract at the project's default 1e-12. EJML sums products in numpy's
 * order, so the tutorial networks train bit for bit like the scalar kernel
 * ({@link EjmlKernelTest}); only {@code multAddTransA} on shapes of 15 or more columns adds term
 * by term into the weights (see {@link EjmlKernel#multiplyAddTransA}), a few ulps, far inside
 * 1e-12. The training loop allocates nothing (the contract checks it).
 */
class EjmlKernelContractTest extends MatrixKernelContract<DMatrixRMaj> {

    @Override
    protected MatrixKernel<DMatrixRMaj> createKernel() {
        return new EjmlKernel();
    }
}
