package dev.synapsebench.report.page;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.model.Allocation;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the tables' columns mean, for the columns this run's tables have. */
final class TableLegend {

    private TableLegend() {
    }

    /** One Markdown list item per column. */
    static List<String> items(MeasuredRun run) {
        List<String> items = new ArrayList<>();
        items.add("**score ± error**: JMH's mean per operation and its 99.9% confidence interval over forks x"
                + " iterations; numpy's rows: the mean and 99.9% confidence interval of its timed batches.");
        items.add("**GFLOP/s** = 2 x the multiply-adds of the operation's matrix products / time (a multiply and"
                + " an add each, fused or not); the element-wise work (sigmoid, deltas) is not counted.");
        if (Double.isFinite(run.peakGflops())) {
            items.add(String.format(Locale.ROOT, "**%% of peak**: of the FP64 peak of one core this run measured,"
                    + " %.1f GFLOP/s.", run.peakGflops()));
        }
        boolean numpy = run.results().stream().anyMatch(Measurement::isNumpy);
        items.add("**vs scalar**" + (numpy ? ", **vs numpy**" : "") + ": scalar's" + (numpy
                ? " (or numpy's on one BLAS thread, `" + BenchmarkSchema.NUMPY_ONE_THREAD + "`)" : "")
                + " time divided by the row's: above 1 the row is faster (2.00x twice as fast, 0.010x a hundred"
                + " times slower).");
        if (run.hasFloat32()) {
            items.add("**vs float64**: for a float32 row, the same backend's float64 time divided by the row's"
                    + " (above 1 float32 is faster); float32 rows' % of peak is of the FP32 peak.");
        }
        if (run.results().stream().anyMatch(r -> r.benchmark().equals(BenchmarkSchema.TRAIN_MANY))) {
            items.add("**trainMany**: **K** networks trained together on **threads** threads; its score is per"
                    + " network-step, **network-steps/s** its inverse; **vs trainingStep**: the backend's trainingStep"
                    + " time per step on the network (same dtype) divided by the row's; **vs 1 thread**: the same"
                    + " batch on one thread divided by the row's. Its B/op is the calling thread's: with more than one"
                    + " thread the batch's own threads do the work, and their allocation is only in "
                    + Allocation.GC_METRIC + ".");
        }
        items.add("**B/op**: " + allocation(run));
        items.add("**parity found**: the largest difference of the row's results from the scalar reference"
                + " over that many training steps, relative to magnitudes above 1 and absolute below (the measure the"
                + " check's tolerance is held against; runs before 2026-12-02 recorded the plain relative difference),"
                + " as the check before timing found it; \"not recorded\" where the"
                + " run's files do not hold it.");
        if (numpy) {
            items.add("**" + BenchmarkSchema.NUMPY_ONE_THREAD + "**, **" + BenchmarkSchema.NUMPY_ALL_THREADS + "**: the tutorials'"
                    + " numpy loop on one BLAS thread and on all cores, under trainingStep (numpy.json).");
        }
        return items;
    }

    private static String allocation(MeasuredRun run) {
        String thread = "bytes the benchmark thread itself allocated per operation (" + Allocation.THREAD_METRIC
                + "), nothing of JMH's";
        String fork = Allocation.GC_METRIC + ", the whole fork's allocation per operation, JMH's own objects"
                + " (about 7 KB per iteration) included, so hundreds to thousands of B/op where an iteration holds"
                + " few operations";
        String numpy = run.results().stream().anyMatch(Measurement::isNumpy) ? " Not measured for numpy." : "";
        if (run.results().stream().noneMatch(r -> r.allocation().isThreadOwn())) {
            return fork + " (the run predates " + Allocation.THREAD_METRIC + ", the benchmark thread's own)." + numpy;
        }
        return thread + (ResultTable.mixesAllocationMetrics(run) ? "; * marks " + fork
                + ", where the thread's own was not measured." : "; JMH's " + Allocation.GC_METRIC + " (the whole"
                + " fork's, JMH's own objects included) is in jmh.json.") + numpy;
    }
}
