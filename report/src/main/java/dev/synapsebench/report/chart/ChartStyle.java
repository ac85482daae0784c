package dev.synapsebench.report.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.NumberFormat;

/** The look every chart shares: size, fonts, white background, grey grid, log axes ticked at decades. */
final class ChartStyle {

    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    /** Values written beside points. */
    static final Font ITEM_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color GRID = new Color(0xD0, 0xD0, 0xD0);
    private static final Color MINOR_GRID = new Color(0xE8, 0xE8, 0xE8);

    private ChartStyle() {
    }

    /** A chart of {@code plot} with its title, a one-line subtitle, and a legend below when asked. */
    static JFreeChart chart(String title, String subtitle, XYPlot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainMinorGridlinePaint(MINOR_GRID);
        plot.setRangeMinorGridlinePaint(MINOR_GRID);
        // solid lines: JFreeChart's default dashed half-pixel grid all but vanishes in a PNG
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainMinorGridlineStroke(new BasicStroke(1f));
        plot.setRangeMinorGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            fonts(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            fonts(plot.getRangeAxis(i));
        }
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        chart.addSubtitle(0, new TextTitle(subtitle, SUBTITLE));
        if (legend) {
            chart.getLegend().setItemFont(LEGEND);
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
            chart.getLegend().setFrame(BlockBorder.NONE);
        }
        return chart;
    }

    /**
     * A log axis with a label at each power of ten (or every few, when the range is wide) and grid
     * lines at 2..9 between them; the labels use {@code tickFormat}.
     */
    static LogAxis logAxis(String label, NumberFormat tickFormat) {
        LogAxis axis = new LogAxis(label);
        TickUnits decades = new TickUnits();
        // the minor count makes the grid lines between labels fall on 2, 3, ... 9 times the decade
        decades.add(new NumberTickUnit(1, NumberFormat.getIntegerInstance(), 9));
        for (int step : new int[] {2, 3, 4, 5, 10}) {
            decades.add(new NumberTickUnit(step, NumberFormat.getIntegerInstance(), 1));
        }
        axis.setStandardTickUnits(decades);
        axis.setNumberFormatOverride(tickFormat);
        axis.setMinorTickMarksVisible(true);
        return axis;
    }

    private static void fonts(ValueAxis axis) {
        axis.setLabelFont(AXIS_LABEL);
        axis.setTickLabelFont(TICK_LABEL);
    }
}
