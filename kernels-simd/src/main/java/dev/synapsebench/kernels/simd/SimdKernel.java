package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.Availability;
import dev.synapsebench.core.DType;
import dev.synapsebench.core.JvmOption;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.NetworkBatch;
import dev.synapsebench.core.SequentialBatch;
import dev.synapsebench.core.Topology;
import dev.synapsebench.kernels.simd.SimdKernels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Vector API backend ({@code jdk.incubator.vector}): {@link VectorOps} on {@link SimdMatrix},
 * a column-major layout padded so that vectors of the preferred species are full even for the
 * tutorials' 4-example matrices. Products use FMA; the sigmoid is computed on whole vectors with
 * the lane-wise {@code EXP} of the JDK's vector math library.
 *
 * <p>{@link #trainingStep} runs small networks (one or two layers, at most one vector of examples
 * and of units per layer) as one {@link FusedStep}, the tutorials' shapes with every
 * intermediate in registers; anything larger takes the per-operation path, where products with
 * wide outputs (8 rows or more on 8 lanes) are {@link BlockedProducts}' register-blocked tiles.
 *
 * <p>Needs {@code --add-modules jdk.incubator.vector} on every JVM that runs it; without it the
 * kernel still loads (this class does not touch the Vector API) and reports itself unavailable.
 *
 * <p>Rounding differs from numpy's in two ways, both within a few ulps per operation: FMA rounds
 * {@code sum + a*b} once instead of twice, and the vector {@code EXP} is not {@link Math#exp} bit
 * for bit. Wide products sum in the same ascending order, but the update {@code c += aT·b} of a
 * layer with fewer than 6 outputs sums 8 interleaved partial sums per element (dot products
 * across the lanes), a few ulps.
 *
 * <p>The build generates its float32 twin from this file and the four classes it uses ({@code
 * codegen/float32-twin.xml}: every double a float, {@code DoubleVector} a {@code FloatVector} of
 * the same preferred shape, so twice the lanes), so everything here is written to mean the same
 * for any lane count: layouts, tiles and masks follow {@link Lanes.LANES}, and a path that
 * holds only for some lane counts says so in a named condition, the others taking the general path.
 */
public final class SimdKernel implements MatrixKernel<SimdMatrix> {

    static final String MODULE = "jdk.incubator.vector";

    @Override
    public String name() {
        return SimdKernels.NAME;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT64;
    }

    @Override
    public Optional<MatrixKernel<?>> withDtype(DType dtype) {
        return Optional.of(SimdKernels.of(dtype));
    }

    @Override
    public String description() {
        if (!moduleLoaded()) {
            return "Java Vector API (" + MODULE + " not loaded)";
        }
        return "Java Vector API, " + Lanes.speciesDescription() + ", FMA, lane-wise EXP";
    }

    @Override
    public Availability availability() {
        if (!moduleLoaded()) {
            return Availability.unavailable("the JVM was started without --add-modules " + MODULE
                    + ", which the simd backend needs");
        }
        try {
            int lanes = Lanes.LANES;
            if (lanes < 2) {
                return Availability.unavailable("this CPU or JVM offers no SIMD vectors of double (preferred species has "
                        + lanes + " lane)");
            }
            return Availability.AVAILABLE;
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("the Vector API could not be initialised: " + e);
        }
    }

    /** The incubator module is not resolved unless asked for, on every Java version so far. */
    @Override
    public List<JvmOption> jvmOptions() {
        return List.of(JvmOption.always("--add-modules=" + MODULE));
    }

    /**
     * {@code vectorApi}: the species this backend computes with, as the report has always recorded
     * it ({@code preferredDoubleLanes}; the float32 twin's: {@code preferredFloatLanes}), and the
     * row of {@link Blocking}'s table its products use.
     */
    @Override
    public Map<String, Object> environment() {
        Map<String, Object> vectorApi = new LinkedHashMap<>();
        Availability availability = availability();
        vectorApi.put("available", availability.available());
        if (availability.available()) {
            vectorApi.put("preferredSpeciesBits", Lanes.SPECIES.vectorBitSize());
            vectorApi.put("preferred" + Lanes.SPECIES.elementType().getSimpleName() + "Lanes", Lanes.LANES);
            vectorApi.put("blocking", Blocking.description());
        } else {
            vectorApi.put("reason", availability.reason());
        }
        return Map.of("vectorApi", vectorApi);
    }

    private static boolean moduleLoaded() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    // ---- many networks ----

    /** Networks in vector lanes where a group fits L1 ({@link SimdBatch#applies}), else one network after another. */
    @Override
    public NetworkBatch batch(Topology topology, int examples, int size) {
        if (SimdBatch.applies(topology, examples)) { // a bad size or example count is refused by either batch's constructor
            return new SimdBatch(topology, examples, size);
        }
        return new SequentialBatch<>(this, topology, examples, size);
    }

    // ---- storage ----

    @Override
    public SimdMatrix create(int rows, int cols) {
        return new SimdMatrix(rows, cols);
    }

    @Override
    public int rows(SimdMatrix m) {
        return m.rows;
    }

    @Override
    public int cols(SimdMatrix m) {
        return m.cols;
    }

    @Override
    public void load(SimdMatrix m, double[] rowMajor) {
        m.load(rowMajor);
    }

    @Override
    public void store(SimdMatrix m, double[] rowMajor) {
        m.store(rowMajor);
    }

    // ---- operations ----

    @Override
    public void multiply(SimdMatrix a, SimdMatrix b, SimdMatrix out) {
        VectorOps.multiply(a, b, out, false);
    }

    @Override
    public void multiplyTransB(SimdMatrix a, SimdMatrix b, SimdMatrix out) {
        VectorOps.multiplyTransB(a, b, out, null);
    }

    @Override
    public void multiplyAddTransA(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        VectorOps.multiplyAddTransA(a, b, c);
    }

    @Override
    public void sigmoid(SimdMatrix m) {
        VectorOps.sigmoid(m);
    }

    @Override
    public void outputDelta(SimdMatrix target, SimdMatrix output, SimdMatrix delta) {
        VectorOps.outputDelta(target, output, delta);
    }

    @Override
    public void scaleBySigmoidDerivative(SimdMatrix delta, SimdMatrix activation) {
        VectorOps.scaleBySigmoidDerivative(delta, activation);
    }

    @Override
    public void forwardLayer(SimdMatrix input, SimdMatrix weights, SimdMatrix activation) {
        VectorOps.multiply(input, weights, activation, true);
    }

    @Override
    public void hiddenDelta(SimdMatrix nextDelta, SimdMatrix nextWeights, SimdMatrix activation, SimdMatrix delta) {
        VectorOps.multiplyTransB(nextDelta, nextWeights, delta, activation);
    }

    // ---- whole step ----

    /** {@link FusedStep} for networks of at most two layers that fit a vector per column, else the per-operation path. */
    @Override
    public void trainingStep(SimdMatrix inputs, SimdMatrix targets, List<SimdMatrix> weights,
                             List<SimdMatrix> activations, List<SimdMatrix> deltas) {
        if (FusedStep.applies(inputs, weights)) {
            FusedStep.trainingStep(inputs, targets, weights, activations, deltas);
        } else {
            MatrixKernel.super.trainingStep(inputs, targets, weights, activations, deltas);
        }
    }
}
