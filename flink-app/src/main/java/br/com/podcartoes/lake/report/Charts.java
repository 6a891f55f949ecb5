package br.com.podcartoes.lake.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/** The page's charts: JFreeChart drawn onto JFreeSVG, each an inline {@code <svg>} with its own id prefix. */
final class Charts {
    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e)};
    /** Per page: the same page always gets the same ids (a regenerated page equals the stored one). */
    private final AtomicInteger ids = new AtomicInteger();

    String bars(String title, String categoryAxis, String valueAxis, DefaultCategoryDataset data, int width,
            int height) {
        JFreeChart chart = ChartFactory.createBarChart(title, categoryAxis, valueAxis, data, PlotOrientation.HORIZONTAL,
                data.getRowCount() > 1, false, false);
        style(chart);
        BarRenderer r = (BarRenderer) ((CategoryPlot) chart.getPlot()).getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        return svg(chart, width, height, "grafico");
    }

    String lines(String title, String valueAxis, DefaultCategoryDataset data, int width, int height) {
        JFreeChart chart = ChartFactory.createLineChart(title, "mês", valueAxis, data, PlotOrientation.VERTICAL, true,
                false, false);
        style(chart);
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        LineAndShapeRenderer r = (LineAndShapeRenderer) plot.getRenderer();
        r.setDefaultShapesVisible(true);
        for (int i = 0; i < data.getRowCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        return svg(chart, width, height, "grafico");
    }

    /** A small histogram without axes, for a table cell. */
    String histogram(DefaultCategoryDataset data, int width, int height) {
        JFreeChart chart = ChartFactory.createBarChart(null, null, null, data, PlotOrientation.VERTICAL, false, false,
                false);
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        plot.getDomainAxis().setVisible(false);
        plot.getRangeAxis().setVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setInsets(new org.jfree.chart.ui.RectangleInsets(1, 1, 1, 1));
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0);
        r.setSeriesPaint(0, SERIES[0]);
        plot.getDomainAxis().setCategoryMargin(0.05);
        plot.getDomainAxis().setLowerMargin(0);
        plot.getDomainAxis().setUpperMargin(0);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(0, 0, 0, 0));
        return svg(chart, width, height, "histograma");
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        }
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        plot.setBackgroundPaint(new Color(0xf7f7f7));
        plot.setRangeGridlinePaint(new Color(0xbbbbbb));
        for (int i = 0; i < SERIES.length; i++) {
            plot.getRenderer().setSeriesPaint(i, SERIES[i]);
        }
    }

    private String svg(JFreeChart chart, int width, int height, String cssClass) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        // Several charts share one page: distinct prefixes keep their clip-path ids apart.
        g.setDefsKeyPrefix("c" + ids.incrementAndGet() + "_");
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGElement(null).replaceFirst("<svg ", "<svg class=\"" + cssClass + "\" ");
    }
}
