#!/usr/bin/env python3
"""Reference forecasts of the intermittent-demand methods from statsforecast.

Series: eight seeded synthetic intermittent series (Bernoulli occurrence × gamma or Poisson sizes,
lengths 12 to 200, occurrence 0.08 to 0.7, one with a single demand, one of zeros, two whose
mean interval is exactly k + 0.5, to exercise numpy's round-half-to-even) and one regular series.
For each: statsforecast's CrostonClassic, CrostonSBA, CrostonOptimized, TSB(0.3, 0.1), ADIDA and
IMAPA point forecasts (h = 4) and, for the classic, SBA and TSB, the in-sample fitted values.

    pip install statsforecast==2.1.1 numpy
    python3 Tests/ForecastingTests/Fixtures/intermittent/make_fixtures.py
"""
import json
import os

import numpy as np
import statsforecast
from statsforecast.models import ADIDA, IMAPA, TSB, CrostonClassic, CrostonOptimized, CrostonSBA

here = os.path.dirname(os.path.abspath(__file__))


def series():
    rng = np.random.default_rng(20261207)
    out = {}
    for name, n, p, kind in [("gamma-60-0.3", 60, 0.3, "gamma"), ("poisson-120-0.15", 120, 0.15, "poisson"),
                             ("gamma-200-0.08", 200, 0.08, "gamma"), ("poisson-36-0.7", 36, 0.7, "poisson"),
                             ("gamma-12-0.5", 12, 0.5, "gamma")]:
        occurs = rng.random(n) < p
        sizes = rng.gamma(2.0, 5.0, n) if kind == "gamma" else rng.poisson(3.0, n) + 1.0
        y = np.where(occurs, np.round(sizes, 3), 0.0)
        if y.sum() == 0:
            y[-1] = 1.0
        out[name] = y
    single = np.zeros(30)
    single[17] = 5.0
    out["single-demand"] = single
    out["zeros"] = np.zeros(20)
    # Mean intervals of exactly 2.5 (demands in periods 2 and 5) and 3.5 (periods 3 and 7), which
    # numpy rounds half to even: to 2 and to 4.
    for name, demands, n in [("half-2.5", [(1, 4.0), (4, 2.0)], 12), ("half-3.5", [(2, 3.0), (6, 5.0)], 14)]:
        y = np.zeros(n)
        for t, v in demands:
            y[t] = v
        out[name] = y
    out["regular"] = np.round(10 + 3 * np.sin(np.arange(48) / 3) + rng.normal(0, 1, 48), 3)
    return out


def main():
    models = {"croston": CrostonClassic(), "croston-sba": CrostonSBA(), "croston-opt": CrostonOptimized(),
              "tsb[0.3,0.1]": TSB(alpha_d=0.3, alpha_p=0.1), "adida": ADIDA(), "imapa": IMAPA()}
    cases = []
    for name, y in series().items():
        case = {"name": name, "y": y.tolist(), "forecasts": {}, "fitted": {}}
        for key, model in models.items():
            with_fitted = key in ("croston", "croston-sba", "tsb[0.3,0.1]")
            result = model.forecast(y=y.astype(float), h=4, fitted=with_fitted)
            case["forecasts"][key] = float(result["mean"][0])
            assert np.allclose(result["mean"], result["mean"][0])
            if with_fitted:
                case["fitted"][key] = [None if np.isnan(v) else float(v) for v in result["fitted"]]
        cases.append(case)
    with open(os.path.join(here, "intermittent.json"), "w") as out:
        json.dump({"statsforecast": statsforecast.__version__, "cases": cases}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
