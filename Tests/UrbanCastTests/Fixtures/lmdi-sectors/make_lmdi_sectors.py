#!/usr/bin/env python3
"""Reference values for the sector LMDI tests, computed independently of UrbanCast.

Writes history.csv (a made-up city with three sectors, 2011-2020) and lmdi_sectors.json:

* "cases": LMDI-I activity / structure / intensity effects of hand-made sector data, by the
  formulas of Ang (2005), "The LMDI approach to decomposition analysis: a practical guide"
  (Energy Policy 33, 867-871), eqs. for the additive decomposition of V = sum_i Q * S_i * I_i,
  with the zero cases of Ang & Liu (2007), "Handling zero values in the logarithmic mean Divisia
  index decomposition approach" (Energy Policy 35, 238-246), Table 1, written out case by case
  (a sector that appears or vanishes with its activity gives its whole change to the structure
  effect; one whose use appears or vanishes while its activity is there, to the intensity effect).
* "run": the central path of sectors.yaml (draws 0) computed here from the specification's
  numbers -- activity paths interpolated linearly from the base-year value, intensities held at
  their base-year value by the naive model, a 10 % step on commercial intensity from 2025 in the
  "efficient" scenario -- and its decomposition, year by year, against the observed 2020 values.

Run from this folder: python3 make_lmdi_sectors.py   (standard library only).
"""
import json
import math

SECTORS = ["residential", "commercial", "industrial"]
BASE, HORIZON = 2020, 2030
# Base-year (2020) floor area (million m2) and energy (GWh); history years scale them.
FLOOR_2020 = {"residential": 100.0, "commercial": 50.0, "industrial": 30.0}
ENERGY_2020 = {"residential": 1200.0, "commercial": 900.0, "industrial": 1500.0}
FLOOR_2030 = {"residential": 130.0, "commercial": 80.0, "industrial": 0.0}


def logmean(a, b):
    return a if a == b else (a - b) / (math.log(a) - math.log(b))


def sector_effects(q0, v0, qt, vt):
    """[[activity, structure, intensity] per sector] by Ang (2005) with Ang & Liu (2007) zeros."""
    total0, totalt = sum(q0), sum(qt)
    rows = []
    for i in range(len(q0)):
        if v0[i] == 0 and vt[i] == 0:
            rows.append([0.0, 0.0, 0.0])
        elif v0[i] == 0:  # use appears: with its activity (a new sector) -> structure, else intensity
            rows.append([0.0, vt[i], 0.0] if q0[i] == 0 else [0.0, 0.0, vt[i]])
        elif vt[i] == 0:  # use vanishes: with its activity -> structure, else intensity
            rows.append([0.0, -v0[i], 0.0] if qt[i] == 0 else [0.0, 0.0, -v0[i]])
        else:
            w = logmean(vt[i], v0[i])
            s0, st = q0[i] / total0, qt[i] / totalt
            i0, it = v0[i] / q0[i], vt[i] / qt[i]
            rows.append([w * math.log(totalt / total0), w * math.log(st / s0), w * math.log(it / i0)])
    return rows


CASES = [
    ("growth and a shift to sector 2", [60, 40], [30, 40], [60, 60], [30, 60]),
    ("three sectors, every factor moves", [100, 50, 30], [1200, 900, 1500], [112, 61, 22], [1390, 1020, 990]),
    ("a new sector", [100, 0, 30], [1200, 0, 1500], [110, 20, 30], [1250, 400, 1400]),
    ("a sector closes", [100, 50, 30], [1200, 900, 1500], [130, 80, 0], [1560, 1440, 0]),
    ("use appears in a sector with activity", [100, 50], [1200, 0], [100, 60], [1100, 30]),
    ("use vanishes in a sector with activity", [100, 50], [1200, 40], [110, 50], [1300, 0]),
    ("a sector absent in both years", [100, 0, 30], [1200, 0, 1500], [110, 0, 35], [1250, 0, 1600]),
]


def central_run():
    years = list(range(BASE + 1, HORIZON + 1))
    out = []
    for scenario in ["bau", "efficient"]:
        rows = []
        for year in years:
            f = (year - BASE) / (HORIZON - BASE)
            q = [FLOOR_2020[s] + (FLOOR_2030[s] - FLOOR_2020[s]) * f for s in SECTORS]
            intensity = [ENERGY_2020[s] / FLOOR_2020[s] for s in SECTORS]
            if scenario == "efficient" and year >= 2025:
                intensity[1] *= 0.9
            v = [qi * ii for qi, ii in zip(q, intensity)]
            effects = sector_effects([FLOOR_2020[s] for s in SECTORS], [ENERGY_2020[s] for s in SECTORS], q, v)
            rows.append({"year": year, "activity": q, "values": v, "effects": effects})
        out.append({"scenario": scenario, "years": rows})
    return out


def main():
    lines = ["series,date,value,unit"]
    for year in range(2011, BASE + 1):
        growth = 1.02 ** (year - BASE)
        for s in SECTORS:
            lines.append(f"floor_{s},{year},{FLOOR_2020[s] * growth!r},million m2")
            lines.append(f"energy_{s},{year},{ENERGY_2020[s] * growth * 1.01 ** (BASE - year)!r},GWh")
    with open("history.csv", "w") as f:
        f.write("\n".join(lines) + "\n")
    cases = [{"name": n, "baseActivity": q0, "baseValues": v0, "activity": qt, "values": vt,
              "effects": sector_effects(q0, v0, qt, vt)} for n, q0, v0, qt, vt in CASES]
    with open("lmdi_sectors.json", "w") as f:
        json.dump({"cases": cases, "run": central_run()}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
