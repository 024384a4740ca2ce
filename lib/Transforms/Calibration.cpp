//===- Calibration.cpp - Activation ranges from calibration samples -------===//

#include "edgecc/Transforms/Calibration.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <cmath>

namespace edgecc::quant {

std::optional<CalibrationMethod> parseCalibrationMethod(llvm::StringRef name) {
  if (name == "minmax")
    return CalibrationMethod::MinMax;
  if (name == "percentile")
    return CalibrationMethod::Percentile;
  if (name == "entropy")
    return CalibrationMethod::Entropy;
  return std::nullopt;
}

llvm::StringRef calibrationMethodName(CalibrationMethod method) {
  switch (method) {
  case CalibrationMethod::MinMax:
    return "minmax";
  case CalibrationMethod::Percentile:
    return "percentile";
  case CalibrationMethod::Entropy:
    return "entropy";
  }
  return "";
}

namespace {

constexpr int64_t kHistogramBins = 2048;
constexpr int64_t kQuantizedBins = 128;

/// KL(p || q) of `histogram[0, bins)` against its `kQuantizedBins`-level
/// quantization, with the mass beyond `bins` clipped into the last bin.
double clippedDivergence(llvm::ArrayRef<double> histogram, int64_t bins) {
  llvm::SmallVector<double> p(histogram.begin(), histogram.begin() + bins);
  for (int64_t i = bins; i < (int64_t)histogram.size(); ++i)
    p[bins - 1] += histogram[i];
  // q spreads each merged bin's (unclipped) mass evenly over the bins p
  // has mass in: quantization cannot say where inside a step a value was.
  llvm::SmallVector<double> q(bins, 0.0);
  int64_t merged = bins / kQuantizedBins;
  for (int64_t j = 0; j < kQuantizedBins; ++j) {
    int64_t start = j * merged;
    int64_t stop = j + 1 == kQuantizedBins ? bins : start + merged;
    double total = 0;
    int64_t occupied = 0;
    for (int64_t i = start; i < stop; ++i) {
      total += histogram[i];
      occupied += p[i] != 0;
    }
    for (int64_t i = start; i < stop && occupied; ++i)
      if (p[i] != 0)
        q[i] = total / occupied;
  }
  double pSum = 0, qSum = 0;
  for (int64_t i = 0; i < bins; ++i) {
    pSum += p[i];
    qSum += q[i];
  }
  if (pSum == 0 || qSum == 0)
    return 0;
  // Bins where q lost all mass (only clipped values landed there) get a
  // floor instead of an infinite divergence.
  constexpr double kFloor = 1e-12;
  double divergence = 0;
  for (int64_t i = 0; i < bins; ++i) {
    if (p[i] == 0)
      continue;
    double pi = p[i] / pSum, qi = std::max(q[i] / qSum, kFloor);
    divergence += pi * std::log(pi / qi);
  }
  return divergence;
}

float percentileOf(llvm::SmallVectorImpl<float> &values, double percent) {
  auto index = (size_t)std::llround(percent / 100.0 * (values.size() - 1));
  std::nth_element(values.begin(), values.begin() + index, values.end());
  return values[index];
}

} // namespace

float entropyThreshold(llvm::ArrayRef<float> values) {
  float maxAbs = 0;
  int64_t nonZero = 0;
  for (float v : values) {
    if (!std::isfinite(v))
      continue;
    maxAbs = std::max(maxAbs, std::fabs(v));
    nonZero += v != 0;
  }
  if (nonZero == 0)
    return 0;
  // Exact zeros (ReLU's) are exact at any threshold: they do not vote, and
  // their spike in the first bin would otherwise decide the divergence.
  int64_t histogramBins = kHistogramBins;
  llvm::SmallVector<double> histogram(histogramBins, 0.0);
  double width = maxAbs / histogramBins;
  for (float v : values) {
    if (v == 0 || !std::isfinite(v))
      continue;
    auto bin = (int64_t)(std::fabs(v) / width);
    ++histogram[std::min(bin, histogramBins - 1)];
  }
  int64_t best = histogramBins;
  double bestDivergence = INFINITY;
  for (int64_t bins = kQuantizedBins; bins <= histogramBins; ++bins) {
    double divergence = clippedDivergence(histogram, bins);
    if (divergence < bestDivergence) {
      bestDivergence = divergence;
      best = bins;
    }
  }
  return (float)(best * width);
}

std::pair<float, float> calibratedRange(llvm::ArrayRef<float> samples,
                                        const CalibrationOptions &options) {
  // A NaN or infinity says nothing about the range finite values need (and
  // would break the ordering and the histogram below).
  llvm::SmallVector<float> finite;
  for (float v : samples)
    if (std::isfinite(v))
      finite.push_back(v);
  llvm::ArrayRef<float> values = finite;
  if (values.empty())
    return {0.0f, 0.0f};
  auto [minIt, maxIt] = std::minmax_element(values.begin(), values.end());
  float lo = *minIt, hi = *maxIt;
  switch (options.method) {
  case CalibrationMethod::MinMax:
    return {lo, hi};
  case CalibrationMethod::Percentile: {
    float low = percentileOf(finite, 100.0 - options.percentile);
    float high = percentileOf(finite, options.percentile);
    return {low, high};
  }
  case CalibrationMethod::Entropy: {
    float threshold = entropyThreshold(values);
    return {std::max(lo, -threshold), std::min(hi, threshold)};
  }
  }
  return {lo, hi};
}

} // namespace edgecc::quant
