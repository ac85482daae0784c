package dev.synapsebench.report.chart;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import org.jfree.chart.util.ShapeUtils;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * One colour and marker per backend, the same in every chart of a run. The reference (scalar) and
 * numpy's two rows have fixed ones; the other backends take theirs by their place in the run's
 * backend order (the order backends register), so the report names no backend it does not own.
 */
final class BackendStyle {

    private static final Color REFERENCE = new Color(0x40, 0x40, 0x40);
    private static final Color NUMPY_ONE_THREAD = new Color(0x94, 0x67, 0xBD);
    private static final Color NUMPY_ALL_THREADS = new Color(0xE3, 0x77, 0xC2);
    private static final List<Color> OTHERS = List.of(new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E),
            new Color(0x2C, 0xA0, 0x2C), new Color(0x17, 0xBE, 0xCF), new Color(0xBC, 0xBD, 0x22),
            new Color(0x8C, 0x56, 0x4B), new Color(0xD6, 0x27, 0x28));
    // a marker per backend as well as a colour, for grey-scale prints and colour-blind readers
    private static final float SIZE = 4.5f;
    private static final List<Shape> SHAPES = List.of(new Rectangle2D.Float(-SIZE, -SIZE, 2 * SIZE, 2 * SIZE),
            new Ellipse2D.Float(-SIZE, -SIZE, 2 * SIZE, 2 * SIZE), ShapeUtils.createUpTriangle(SIZE + 1),
            ShapeUtils.createDiamond(SIZE + 1), ShapeUtils.createDownTriangle(SIZE + 1),
            ShapeUtils.createRegularCross(SIZE + 1, 1.5f), ShapeUtils.createDiagonalCross(SIZE + 1, 1.5f));
    private static final Stroke SOLID = new BasicStroke(2f);
    // numpy is not a JVM backend: dashed, so its lines read as the yardstick they are
    private static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 5f}, 0f);

    private final List<String> backends;

    private BackendStyle(List<String> backends) {
        this.backends = backends;
    }

    /** The run's backends in run order; numpy's rows last. */
    static BackendStyle of(MeasuredRun run) {
        return new BackendStyle(run.results().stream().map(Measurement::backend).distinct().toList());
    }

    Color colour(String backend) {
        return switch (backend) {
            case Kernels.REFERENCE -> REFERENCE;
            case BenchmarkSchema.NUMPY_ONE_THREAD -> NUMPY_ONE_THREAD;
            case BenchmarkSchema.NUMPY_ALL_THREADS -> NUMPY_ALL_THREADS;
            default -> OTHERS.get(othersIndex(backend) % OTHERS.size());
        };
    }

    Shape shape(String backend) {
        return SHAPES.get(Math.max(0, backends.indexOf(backend)) % SHAPES.size());
    }

    Stroke line(String backend) {
        return isNumpy(backend) ? DASHED : SOLID;
    }

    private int othersIndex(String backend) {
        return (int) backends.stream().takeWhile(b -> !b.equals(backend))
                .filter(b -> !b.equals(Kernels.REFERENCE) && !isNumpy(b)).count();
    }

    private static boolean isNumpy(String backend) {
        return backend.equals(BenchmarkSchema.NUMPY_ONE_THREAD) || backend.equals(BenchmarkSchema.NUMPY_ALL_THREADS);
    }
}
