package dev.synapsebench.kernels.simd;

import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;

/**
 * Every blocking parameter of {@link BlockedProducts}, one row per vector width, as BLIS keeps one
 * table per machine ({@code config/zen3/bli_cntx_init_zen3.c}, {@code config/zen4/...}). The row
 * is chosen once, from the preferred species, and copied into the constants below, which C2 folds
 * into the loops. Each value says where it comes from: measured here, or BLIS's.
 *
 * <p>In BLIS's names: a micro-tile is MR x NR ({@link #TILE_ROWS} x {@link #TILE_COLS}, or {@link
 * #PACKED_COLS} columns on packed panels), KC is the inner block ({@link #INNER_BLOCK}, {@link
 * #PACKED_INNER_BLOCK}). There is no MC or NC: the sweep's largest left operand (784 x 256
 * doubles of an update, 1.6 MB) is packed whole, and one KC block of its packed panels (256 rows x
 * 96 steps, 192 KB) stays in L2 while every strip of the right operand passes over it.
 */
final class Blocking {

    /**
     * One row of the table.
     *
     * @param name             what the row is for, as {@code environment.json} records it
     * @param tileVectors      rows of a micro-tile in vectors (MR / L)
     * @param tileCols         columns of a micro-tile on operands read in place (NR)
     * @param innerBlock       inner block of the in-place tiles (KC)
     * @param packed           whether {@code a·b} and {@code a·bT} pack both operands, and the update its right one
     * @param packedCols       columns of the micro-tile on packed panels (NR)
     * @param packedInnerBlock inner block on packed panels (KC)
     * @param packedMinInner   inner lengths below which products stay unpacked
     */
    record Row(String name, int tileVectors, int tileCols, int innerBlock, boolean packed, int packedCols,
               int packedInnerBlock, int packedMinInner) {
    }

    /**
     * 512-bit vectors, 32 registers (AVX-512). A 4 x 6 tile: 24 accumulators, 4 vectors of {@code a}
     * and a broadcast use 29 registers, and 24 chains cover the FMA latency (4 cycles x 2 pipes needs
     * 8). Measured on Zen 4: the 784x256x128 product at 87 GFLOP/s (77% of peak) in place. KC 256 of
     * 128, 256, 392, 784 was fastest there (87 GFLOP/s; 79, 81, 71). BLIS's Zen 4 kernel is 32 x 6
     * too, with KC 512. Not packed yet: the packed path was built and measured on AVX2 only.
     */
    static final Row AVX512 = new Row("512-bit: 4x6 tiles in place, KC 256", 4, 6, 256, false, 0, 0, 0);

    /**
     * 256-bit vectors, 16 registers (x86 without AVX-512: AVX2). In place, a 2 x 6 tile (12
     * accumulators, as BLIS's Haswell kernel: 6 x 8); a 4-vector tile spills (37-40% of peak).
     * Packed (float64 only), a 2 x 5 tile: on packed panels C2 keeps 4 panel vectors in flight and a
     * 2 x 6 tile spilled two accumulators (18.1 GFLOP/s against 25.9 for 2 x 5, Zen 3, 784-128-10x256's
     * forward product); KC 96 there gave 30.5 GFLOP/s, 256 gave 25.9 (a strip of 256 x 5 vectors is
     * 40 KB, past L1's 32 KB). BLIS's Zen 3 KC is 256 for a 6 x 8 tile, whose strip is 48 B a step
     * against our 160 (pre-broadcast). Below 64 inner steps packing is not tried (a round figure).
     * The float32 twin measured slower packed (trainingStep 128-512-1x512 2.83 ms in place, 3.60-3.69
     * packed; not understood yet), so it keeps the in-place tiles.
     */
    static final Row AVX2 = new Row("256-bit, 16 registers: 2x6 tiles in place (KC 256), 2x5 on packed panels"
            + " (KC 96)", 2, 6, 256, true, 5, 96, 64);

    /**
     * Any other width (128-bit SSE or NEON, SVE's scalable vectors): AVX-512's row, not measured.
     * ARM's NEON and SVE have 32 vector registers, so the 4 x 6 tile fits.
     */
    static final Row OTHER = new Row("other widths: 4x6 tiles in place, KC 256 (not measured)", 4, 6, 256, false, 0,
            0, 0);

    /** Whether the machine has 16 vector registers, not 32: x86 below AVX-512 (AVX2's 16 ymm). */
    static final boolean SIXTEEN_REGISTERS = isX86() && SPECIES.vectorBitSize() < 512;
    /** The row of this machine. */
    static final Row CHOSEN = SIXTEEN_REGISTERS ? AVX2 : SPECIES.vectorBitSize() == 512 ? AVX512 : OTHER;

    static final int TILE_VECTORS = CHOSEN.tileVectors();
    /** Rows of a micro-tile, and of a panel of a packed left operand. */
    static final int TILE_ROWS = TILE_VECTORS * LANES;
    static final int TILE_COLS = CHOSEN.tileCols();
    static final int INNER_BLOCK = CHOSEN.innerBlock();
    /** 64: float64's element size in bits. The float32 twin keeps this literal, so it never packs (see {@link #AVX2}). */
    static final boolean PACKED = CHOSEN.packed() && SPECIES.elementSize() == 64;
    static final int PACKED_COLS = CHOSEN.packedCols();
    static final int PACKED_INNER_BLOCK = CHOSEN.packedInnerBlock();
    static final int PACKED_MIN_INNER = CHOSEN.packedMinInner();
    /** Doubles per step of a packed strip: {@link #PACKED_COLS} vectors. */
    static final int PACKED_STEP = PACKED_COLS * LANES;

    private Blocking() {
    }

    /** The Vector API does not say how many registers there are; x86 below 512 bits has 16, ARM 32. */
    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86");
    }

    /** What the kernel's environment records: the row in use, and whether this arithmetic packs. */
    static String description() {
        return CHOSEN.name() + (CHOSEN.packed() && !PACKED ? "; this arithmetic stays in place" : "");
    }
}
