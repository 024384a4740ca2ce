//===- Calibration.h - Activation ranges from calibration samples -*- C++ -*-===//
//
// Turns the float values one activation took over the calibration sets into
// the range [lo, hi] its int8 quantization covers. Values outside are
// clamped at run time, so a narrower range trades clipping error for finer
// steps:
//   minmax      the observed minimum and maximum;
//   percentile  the given percentile of each tail (99.99 by default);
//   entropy     the threshold T on |x| whose 128-level quantization of the
//               |x| histogram (2048 bins) has the least KL divergence from
//               the histogram, as TensorRT's entropy calibrator; the range
//               is the observed one clipped to [-T, T]. Exact zeros (ReLU's)
//               are left out of the histogram: they are exact at any T.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_TRANSFORMS_CALIBRATION_H
#define EDGECC_TRANSFORMS_CALIBRATION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <utility>

namespace edgecc::quant {

enum class CalibrationMethod { MinMax, Percentile, Entropy };

std::optional<CalibrationMethod> parseCalibrationMethod(llvm::StringRef name);
llvm::StringRef calibrationMethodName(CalibrationMethod method);

struct CalibrationOptions {
  CalibrationMethod method = CalibrationMethod::MinMax;
  double percentile = 99.99;
};

/// The range [lo, hi] for `values` (all samples of one activation).
std::pair<float, float> calibratedRange(llvm::ArrayRef<float> values,
                                        const CalibrationOptions &options);

/// The entropy threshold T on |x| alone (exposed for tests).
float entropyThreshold(llvm::ArrayRef<float> values);

} // namespace edgecc::quant

#endif // EDGECC_TRANSFORMS_CALIBRATION_H
