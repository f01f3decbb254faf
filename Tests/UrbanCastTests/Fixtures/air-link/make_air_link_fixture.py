"""Independent computation of the scenario air link on a small specification.

Writes air_link_history.csv, air_link.yaml (the specification the Swift test runs) and
air_link_expected.json (the central path: emissions by pollutant, PM2.5 and deaths per scenario
and year), computed here from the formulas of Models/scenarios/README.md, the factors of
Models/emissions/emission-factors.csv and the relative risk of
Models/air-quality/concentration-response.csv, with no UrbanCast code.

Run from this folder:  python3 make_air_link_fixture.py
"""
import csv
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
FACTORS = os.path.join(ROOT, "Models", "emissions", "emission-factors.csv")
RESPONSE = os.path.join(ROOT, "Models", "air-quality", "concentration-response.csv")

BASE, HORIZON = 2020, 2030
YEARS = list(range(BASE + 1, HORIZON + 1))
COAL = {2010 + k: v for k, v in enumerate([1000, 1030, 1045, 1090, 1100, 1150, 1160, 1200, 1230, 1250, 1280])}  # TJ
GAS = {2014 + k: v for k, v in enumerate([410, 405, 420, 415, 430, 425, 440])}  # GWh

# Central forecasts: drift (random walk with drift) for coal, naive for gas.
coal_years = sorted(COAL)
drift = (COAL[coal_years[-1]] - COAL[coal_years[0]]) / (len(coal_years) - 1)
coal_bau = [COAL[BASE] + (y - BASE) * drift for y in YEARS]
gas_bau = [GAS[BASE] for _ in YEARS]


def clean(coal, gas):
    """Scenario 'clean': coal step -30 % from 2023; gas change -2 % a year from 2021 to 2028."""
    c = [v * (1 - 0.30) if y >= 2023 else v for v, y in zip(coal, YEARS)]
    g = [v * (1 - 0.02) ** (min(y, 2028) - 2021) if y > 2021 else v for v, y in zip(gas, YEARS)]
    return c, g


MASS_T = {"g": 1e-6, "kg": 1e-3, "t": 1.0, "kt": 1e3, "Mt": 1e6}
ENERGY_TJ = {"kWh": 3.6e-6, "MWh": 3.6e-3, "GWh": 3.6, "MJ": 1e-6, "GJ": 1e-3, "TJ": 1.0}


def tonnes_per_unit(value, unit, activity_unit):
    mass, per = unit.split("/")
    return value * MASS_T[mass] * ENERGY_TJ[activity_unit] / ENERGY_TJ[per]


rows = list(csv.DictReader(open(FACTORS, encoding="utf-8")))


def file_factors(fuel, category, activity_unit):
    return {r["pollutant"]: tonnes_per_unit(float(r["value"]), r["unit"], activity_unit)
            for r in rows if r["fuel"] == fuel and r["category"] == category}


# Activities: coal burned in power plants (TJ, conversion 1); gas for heating in GWh (conversion
# 1), its CO2 given inline as 0.202 t/MWh, its other factors from the file's natural gas row.
coal_f = file_factors("hard coal", "1.A.1.a", "TJ")
gas_f = file_factors("natural gas", "1.A.1.a", "GWh")
gas_f["CO2"] = tonnes_per_unit(0.202, "t/MWh", "GWh")
POLLUTANTS = ["CO2", "NOx", "SOx", "PM2.5"]  # the order the activities' factors first name them


def emissions(coal, gas):
    return {p: coal * coal_f.get(p, 0.0) + gas * gas_f.get(p, 0.0) for p in POLLUTANTS}


C0 = 30.0
COEF_POWER = 0.01   # µg/m³ per t of PM2.5 from power
SHARE_HOME = 0.2    # share of C0 from residential PM2.5, scaled by its emissions
base_power = COAL[BASE] * coal_f["PM2.5"]
base_home = GAS[BASE] * gas_f["PM2.5"]


def concentration(coal, gas):
    power, home = coal * coal_f["PM2.5"], gas * gas_f["PM2.5"]
    return C0 * (1 - SHARE_HOME) + SHARE_HOME * C0 * home / base_home + COEF_POWER * (power - base_power)


rr = next(r for r in csv.DictReader(open(RESPONSE, encoding="utf-8")) if r["id"] == "chen-hoek-2020-pm25")
beta = math.log(float(rr["rrCentral"])) / float(rr["increment"])
GROUPS = [(500000, 0.003), (100000, 0.04)]  # 30-64, 65+
GROWTH = 0.01
COUNTERFACTUAL = 5.0  # WHO 2021 annual PM2.5 guideline


def expected_cases(t):
    return sum(p * r for p, r in GROUPS) * (1 + GROWTH) ** t


def avoided(delta, t):
    return expected_cases(t) * (1 - math.exp(-beta * delta))


def attributable(c, t):
    return avoided(max(0.0, c - COUNTERFACTUAL), t)


# Years of life lost per death: the life table's remaining life expectancy, interpolated linearly
# at the middle of a closed group (47.5 for 30-64) and at the lower age of an open one (65),
# weighted by each group's expected deaths.
LIFE_AGES, LIFE_E = [0, 30, 65, 85], [75, 48, 19, 6.5]


def life_expectancy(age):
    for (a0, e0), (a1, e1) in zip(zip(LIFE_AGES, LIFE_E), zip(LIFE_AGES[1:], LIFE_E[1:])):
        if a0 <= age < a1:
            return e0 + (e1 - e0) * (age - a0) / (a1 - a0)
    return LIFE_E[-1]


REPRESENTATIVE = [(30 + 64 + 1) / 2, 65]
YLL_PER_DEATH = sum(p * r * life_expectancy(a) for (p, r), a in zip(GROUPS, REPRESENTATIVE)) / sum(p * r for p, r in GROUPS)
# OECD (2012) transfer: VSL_city = VSL_base × (income / base income)^elasticity.
VSL = 3.0 * (12000 / 40000) ** 0.8


paths = {"bau": (coal_bau, gas_bau), "clean": clean(coal_bau, gas_bau)}
out = {"pollutants": POLLUTANTS, "baseEmissions": [emissions(COAL[BASE], GAS[BASE])[p] for p in POLLUTANTS], "scenarios": []}
for name, (coal, gas) in paths.items():
    years = []
    for h, y in enumerate(YEARS):
        e = emissions(coal[h], gas[h])
        c = concentration(coal[h], gas[h])
        c_bau = concentration(coal_bau[h], gas_bau[h])
        years.append({"year": y, "emissions": [e[p] for p in POLLUTANTS], "concentration": c,
                      "avoidedDeaths": avoided(c_bau - c, y - BASE), "attributableDeaths": attributable(c, y - BASE),
                      "avoidedYLL": YLL_PER_DEATH * avoided(c_bau - c, y - BASE),
                      "attributableYLL": YLL_PER_DEATH * attributable(c, y - BASE),
                      "benefit": VSL * avoided(c_bau - c, y - BASE)})
    out["scenarios"].append({"name": name, "years": years})

with open(os.path.join(HERE, "air_link_history.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("series,date,value,unit\n")
    for y, v in sorted(COAL.items()):
        f.write(f"coal_tj,{y},{v},TJ\n")
    for y, v in sorted(GAS.items()):
        f.write(f"gas_gwh,{y},{v},GWh\n")

SPEC = f"""# Written by make_air_link_fixture.py: the small specification of the air-link check.
city: Testville
base_year: {BASE}
horizon: {HORIZON}
history: air_link_history.csv
hindcast: 0
indicators:
  coal: {{series: coal_tj, unit: TJ, model: drift}}
  gas: {{series: gas_gwh, unit: GWh, model: naive}}
scenarios:
  bau:
  clean:
    measures:
      - {{indicator: coal, step: -30, from: 2023}}
      - {{indicator: gas, change: -2, from: 2021, to: 2028}}
emissions:
  factors: ../../../../Models/emissions/emission-factors.csv
  activities:
    coal power: {{indicator: coal, conversion: 1, unit: TJ, fuel: hard coal, category: 1.A.1.a, sector: power}}
    gas heating:
      indicator: gas
      conversion: 1
      unit: GWh
      fuel: natural gas
      category: 1.A.1.a
      sector: residential
      factors:
        CO2: {{value: 0.202, unit: t/MWh, source: illustrative}}
air_quality:
  pollutant: PM2.5
  unit: µg/m³
  base_concentration: {C0}
  other_sources_share: {1 - SHARE_HOME}
  sectors:
    power: {{emission: PM2.5, coefficient: {COEF_POWER}, coefficient_sd: 0.005}}
    residential: {{emission: PM2.5, share: {SHARE_HOME}, share_sd: 0.05}}
health:
  ageGroups:
    - {{ages: 30-64, population: 500000, baselineRate: 0.003}}
    - {{ages: 65+, population: 100000, baselineRate: 0.04}}
  populationGrowth: {GROWTH}
  lifeTable: {{source: illustrative, ages: [0, 30, 65, 85], remainingLifeExpectancy: [75, 48, 19, 6.5]}}
  valuation: {{vsl: 3.0, unit: million USD, baseIncome: 40000, income: 12000, elasticity: 0.8}}
"""
with open(os.path.join(HERE, "air_link.yaml"), "w", encoding="utf-8") as f:
    f.write(SPEC)
with open(os.path.join(HERE, "air_link_expected.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps(out["scenarios"][1]["years"][-1], indent=1))
