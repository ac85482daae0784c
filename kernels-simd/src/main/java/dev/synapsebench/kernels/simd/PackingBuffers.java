package dev.synapsebench.kernels.simd;

/**
 * The packed panels and scratch products of {@link BlockedProducts}, kept by the matrix they serve
 * (the output of a product, or the left operand of an update for its transposed panels): each is
 * made on first use, at its largest size, and reused, so steady-state steps allocate nothing. They
 * live on the matrices, not on the kernel, because a kernel serves many networks at once
 * ({@code trainMany}'s threads) and a network's matrices serve one.
 */
final class PackingBuffers {

    private double[] transposedPanels;
    private double[] rowPanels;
    private double[] broadcastStrip;
    private double[] productTile;

    /** {@link Packing#packTransposed}'s panels of this matrix transposed, at least {@code length} long. */
    double[] transposedPanels(int length) {
        if (transposedPanels == null || transposedPanels.length < length) {
            transposedPanels = new double[length];
        }
        return transposedPanels;
    }

    /** {@link Packing#packRows}' row panels of a left operand, at least {@code length} long. */
    double[] rowPanels(int length) {
        if (rowPanels == null || rowPanels.length < length) {
            rowPanels = new double[length];
        }
        return rowPanels;
    }

    /** {@link Packing#packBroadcast}'s pre-broadcast strip of a right operand, at least {@code length} long. */
    double[] broadcastStrip(int length) {
        if (broadcastStrip == null || broadcastStrip.length < length) {
            broadcastStrip = new double[length];
        }
        return broadcastStrip;
    }

    /** An update's product before it is added to the weights (a tile or a strip), at least {@code length} long. */
    double[] productTile(int length) {
        if (productTile == null || productTile.length < length) {
            productTile = new double[length];
        }
        return productTile;
    }
}
