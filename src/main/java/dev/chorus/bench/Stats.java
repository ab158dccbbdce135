package dev.chorus.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and range of repeated measurements. */
record Stats(double median, double min, double max, int n) {

  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    return new Stats(median, v.get(0), v.get(n - 1), n);
  }

  /** "1.23 (1.10–1.40)" with the given format for each number. */
  String format(String numberFormat) {
    String m = String.format(Locale.ROOT, numberFormat, median);
    if (n < 2) {
      return m;
    }
    return m
        + " ("
        + String.format(Locale.ROOT, numberFormat, min)
        + "–"
        + String.format(Locale.ROOT, numberFormat, max)
        + ")";
  }
}
