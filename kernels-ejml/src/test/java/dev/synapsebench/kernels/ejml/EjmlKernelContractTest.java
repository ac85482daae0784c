package dev.synapsebench.kernels.ejml;

import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.testing.MatrixKernelContract;

/**
 * EJML against the contract at the project's default 1e-12. At the tutorials' sizes EJML's small
 * kernels sum products in numpy's order, so those networks train bit for bit like the scalar
 * kernel ({@link EjmlKernelTest}); from 15 rows or columns on the block tiles sum each element in
 * blocks of 64 terms, adding each block's partial sum (see {@link Products}): a few ulps, far inside 1e-12.
 * The weight update adds the finished product at every size. The training loop allocates nothing
 * (the contract checks it at the tutorials' sizes, {@link EjmlKernelTest} at the sweep's).
 */
class EjmlKernelContractTest extends MatrixKernelContract<EjmlMatrix> {

    @Override
    protected MatrixKernel<EjmlMatrix> createKernel() {
        return new EjmlKernel();
    }
}
