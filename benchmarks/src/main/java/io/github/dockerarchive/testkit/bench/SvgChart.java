package io.github.dockerarchive.testkit.bench;

import java.util.List;
import java.util.Locale;

/**
 * A minimal SVG writer for the benchmark report: grouped bar charts and log-log line charts, plain
 * SVG 1.1 text with no plotting library.
 */
final class SvgChart {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#7f7f7f", "#2ca02c", "#9467bd"};
  private static final int WIDTH = 760;
  private static final int HEIGHT = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 180;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;

  private SvgChart() {}

  /** One line of a line chart: points as (x, y) pairs, both positive. */
  record Series(String name, List<double[]> points) {}

  /**
   * A grouped bar chart on a linear axis from zero.
   *
   * @param groups group labels; a newline splits one over two lines
   * @param values {@code values[group][series]}; NaN where a series has no figure for a group
   */
  static String bars(
      String title, String unit, List<String> groups, List<String> series, double[][] values) {
    double max = 0;
    for (double[] row : values) {
      for (double v : row) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    double top = niceCeiling(max);
    StringBuilder svg = header(title);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    for (int i = 0; i <= 5; i++) {
      double v = top * i / 5;
      double y = TOP + plotH - plotH * v / top;
      svg.append(line(LEFT, y, LEFT + plotW, y, "#ddd"));
      svg.append(text(LEFT - 6, y + 4, "end", 11, format(v)));
    }
    svg.append(text(16, TOP + plotH / 2.0, "middle", 12, unit, -90));
    double groupW = (double) plotW / groups.size();
    double barW = groupW * 0.8 / series.size();
    for (int g = 0; g < groups.size(); g++) {
      double x0 = LEFT + g * groupW + groupW * 0.1;
      for (int s = 0; s < series.size(); s++) {
        double v = values[g][s];
        if (Double.isNaN(v)) {
          continue;
        }
        double h = plotH * v / top;
        double x = x0 + s * barW;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                x,
                TOP + plotH - h,
                barW - 2,
                h,
                COLOURS[s % COLOURS.length]));
        svg.append(text(x + barW / 2 - 1, TOP + plotH - h - 3, "middle", 10, format(v)));
      }
      String[] label = groups.get(g).split("\n");
      for (int l = 0; l < label.length; l++) {
        svg.append(text(x0 + groupW * 0.4, TOP + plotH + 16 + 13 * l, "middle", 11, label[l]));
      }
    }
    svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#000"));
    legend(svg, series);
    return svg.append("</svg>\n").toString();
  }

  /** A line chart with logarithmic x and y axes (decade grid lines), one marker per point. */
  static String logLog(String title, String xLabel, String yLabel, List<Series> series) {
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (Series s : series) {
      for (double[] p : s.points()) {
        minX = Math.min(minX, p[0]);
        maxX = Math.max(maxX, p[0]);
        minY = Math.min(minY, p[1]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    double x0 = Math.floor(Math.log10(minX));
    double x1 = Math.max(x0 + 1, Math.ceil(Math.log10(maxX)));
    double y0 = Math.floor(Math.log10(minY));
    double y1 = Math.max(y0 + 1, Math.ceil(Math.log10(maxY)));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = header(title);
    for (double d = x0; d <= x1; d++) {
      double x = LEFT + plotW * (d - x0) / (x1 - x0);
      svg.append(line(x, TOP, x, TOP + plotH, "#ddd"));
      svg.append(text(x, TOP + plotH + 16, "middle", 11, decade(d)));
    }
    for (double d = y0; d <= y1; d++) {
      double y = TOP + plotH - plotH * (d - y0) / (y1 - y0);
      svg.append(line(LEFT, y, LEFT + plotW, y, "#ddd"));
      svg.append(text(LEFT - 6, y + 4, "end", 11, decade(d)));
    }
    svg.append(text(LEFT + plotW / 2.0, HEIGHT - 18, "middle", 12, xLabel));
    svg.append(text(16, TOP + plotH / 2.0, "middle", 12, yLabel, -90));
    for (int s = 0; s < series.size(); s++) {
      String colour = COLOURS[s % COLOURS.length];
      StringBuilder path = new StringBuilder();
      for (double[] p : series.get(s).points()) {
        double x = LEFT + plotW * (Math.log10(p[0]) - x0) / (x1 - x0);
        double y = TOP + plotH - plotH * (Math.log10(p[1]) - y0) / (y1 - y0);
        path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n",
                x,
                y,
                colour));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
              path.toString().strip(),
              colour));
    }
    svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#000"));
    svg.append(line(LEFT, TOP, LEFT, TOP + plotH, "#000"));
    legend(svg, series.stream().map(Series::name).toList());
    return svg.append("</svg>\n").toString();
  }

  private static StringBuilder header(String title) {
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\""
                + " fill=\"#fff\"/>%n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    svg.append(text(WIDTH / 2.0, 22, "middle", 15, title));
    return svg;
  }

  private static void legend(StringBuilder svg, List<String> names) {
    int x = WIDTH - RIGHT + 15;
    for (int i = 0; i < names.size(); i++) {
      int y = TOP + 10 + i * 20;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
              x,
              y - 10,
              COLOURS[i % COLOURS.length]));
      svg.append(text(x + 18, y, "start", 11, names.get(i)));
    }
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
        x1,
        y1,
        x2,
        y2,
        colour);
  }

  private static String text(double x, double y, String anchor, int size, String content) {
    return text(x, y, anchor, size, content, 0);
  }

  private static String text(
      double x, double y, String anchor, int size, String content, int rotate) {
    String transform =
        rotate == 0
            ? ""
            : String.format(Locale.ROOT, " transform=\"rotate(%d %.1f %.1f)\"", rotate, x, y);
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s>%s</text>%n",
        x,
        y,
        anchor,
        size,
        transform,
        escape(content));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String format(double v) {
    if (v != 0 && Math.abs(v) < 0.01) {
      return String.format(Locale.ROOT, "%.0e", v);
    }
    if (Math.abs(v) < 10 && v != Math.rint(v)) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  /** 10^d written out plainly: 0.001, 0.1, 1, 1,000. */
  private static String decade(double d) {
    return d < 0
        ? "0." + "0".repeat((int) -d - 1) + "1"
        : String.format(Locale.ROOT, "%,.0f", Math.pow(10, d));
  }

  private static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
