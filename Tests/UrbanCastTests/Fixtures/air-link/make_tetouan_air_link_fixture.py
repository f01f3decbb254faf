"""Independent recomputation of the Tetouan air-link example (Models/scenarios/tetouan_air_link.yaml).

Input: tetouan_forecast.csv, the electricity central path of
    urbancast scenario run Models/scenarios/tetouan_air_link.yaml --draws 0 --out DIR
(DIR/forecast.csv, copied here), the base year's electricity summed here from the hourly data
(Datasets/tetouan_power_hourly_wide.csv), and the specification's own numbers read here with
PyYAML. Emissions, PM2.5 and deaths are then computed from the formulas of
Models/scenarios/README.md with the factors of Models/emissions/emission-factors.csv and the
relative risk of Models/air-quality/concentration-response.csv, with no UrbanCast code.
Writes tetouan_air_link_expected.json.

Run from this folder:  python3 make_tetouan_air_link_fixture.py
"""
import csv
import json
import math
import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
spec = yaml.safe_load(open(os.path.join(ROOT, "Models", "scenarios", "tetouan_air_link.yaml"), encoding="utf-8"))
factors = list(csv.DictReader(open(os.path.join(ROOT, "Models", "emissions", "emission-factors.csv"), encoding="utf-8")))
rr = next(r for r in csv.DictReader(open(os.path.join(ROOT, "Models", "air-quality", "concentration-response.csv"), encoding="utf-8"))
          if r["id"] == "chen-hoek-2020-pm25")

MASS_T = {"g": 1e-6, "kg": 1e-3, "t": 1.0, "kt": 1e3}
ENERGY_TJ = {"kWh": 3.6e-6, "MWh": 3.6e-3, "GWh": 3.6, "GJ": 1e-3, "TJ": 1.0}

# Base year: 2017's hourly load summed (the source's unit, read as kW, so kWh).
base_energy = 0.0
with open(os.path.join(ROOT, "Datasets", "tetouan_power_hourly_wide.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["date"].startswith(str(spec["base_year"])):
            base_energy += float(row["zone1_power"])

energy = {}
for row in csv.DictReader(open(os.path.join(HERE, "tetouan_forecast.csv"), encoding="utf-8")):
    energy.setdefault(row["scenario"], {})[int(row["year"])] = float(row["mean"])

# Tonnes per kWh of each pollutant, by activity.
activities = []
pollutants = []
for name, a in spec["emissions"]["activities"].items():
    per_kwh = {}
    for r in factors:
        if r["fuel"] == a["fuel"] and r["category"] == str(a["category"]):
            mass, per = r["unit"].split("/")
            per_kwh[r["pollutant"]] = float(r["value"]) * MASS_T[mass] * ENERGY_TJ[a["unit"]] / ENERGY_TJ[per] * float(a["conversion"])
            if r["pollutant"] not in pollutants:
                pollutants.append(r["pollutant"])
    activities.append((a["sector"], per_kwh))


def emissions(e):
    return [sum(per.get(p, 0.0) for _, per in activities) * e for p in pollutants]


aq = spec["air_quality"]
C0 = float(aq["base_concentration"])


def sector_tonnes(sector, pollutant, e):
    return sum(per.get(pollutant, 0.0) for s, per in activities if s == sector) * e


def concentration(e):
    c = C0
    for s in aq["sectors"].values():
        now, base = sector_tonnes(s["sector"], s["emission"], e), sector_tonnes(s["sector"], s["emission"], base_energy)
        if "share" in s:
            c += float(s["share"]) * C0 * (now / base - 1)
        else:
            c += float(s["coefficient"]) * (now - base)
    return c


beta = math.log(float(rr["rrCentral"])) / float(rr["increment"])
cases = float(spec["health"]["population"]) * float(spec["health"]["baselineMortality"])  # no growth: the same every year
WHO_AQG = 5.0


def avoided(delta):
    return cases * (1 - math.exp(-beta * delta))


out = {"pollutants": pollutants, "baseEmissions": emissions(base_energy), "scenarios": []}
for name in spec["scenarios"]:
    years = []
    for y in sorted(energy[name]):
        c, c_bau = concentration(energy[name][y]), concentration(energy["bau"][y])
        years.append({"year": y, "emissions": emissions(energy[name][y]), "concentration": c,
                      "avoidedDeaths": avoided(c_bau - c), "attributableDeaths": avoided(max(0.0, c - WHO_AQG))})
    out["scenarios"].append({"name": name, "years": years})
with open(os.path.join(HERE, "tetouan_air_link_expected.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
eff = out["scenarios"][2]["years"][-1]
print(out["pollutants"], out["baseEmissions"])
print(eff)
