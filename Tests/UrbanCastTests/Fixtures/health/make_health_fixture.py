#!/usr/bin/env python3
"""Independent computation of the health figures of small worked mitigation plans.

Plain Python (no UrbanCast code): writes each plan as YAML beside this script and the central,
deterministic figures it implies to expected.json. The method is that of WHO AirQ+ and US EPA
BenMAP's log-linear health impact function:

  concentration  C(y) = B(y) * sum_s w_s(y) prod_m (1 - r_m ramp_m(y)) / sum_s w_s(y),
                 B(y) = C0 + trend (y - y0), w_s(y) = share_s (1 + g_s)^(y - y0),
                 ramp_m(y) = 0 before start, else min(1, (y - start + 1) / ramp)
  conversion     ppb -> ug/m3: x M / Vm, Vm = R T / P at 25 C and 1013.25 hPa
  expected cases E(t) = sum over groups in the function's ages of Pop_a rate_a,
                 times (1 + populationGrowth)^t (1 + rateChange)^t, t = y - y0
  beta           ln(RR) / increment
  avoided        E(t) (1 - exp(-beta (C_baseline(y) - C_scenario(y)) f))
  attributable   E(t) (1 - exp(-beta max(0, C_scenario(y) f - counterfactual)))
  YLL per death  sum_a Pop_a rate_a e(age_a) / sum_a Pop_a rate_a, e linear in the life table,
                 age_a the middle of a closed group ((lo + hi + 1) / 2), the lower age of an open one
  VSL            vsl (income / baseIncome)^elasticity; benefit = avoided VSL;
                 benefit/cost when the valuation unit is the cost unit and the cost is above 0;
                 per scenario, net present cost and present benefit at DISCOUNT_RATE to the end
                 of the base year, and their ratio

Run: python3 make_health_fixture.py   (writes worked-*.yaml and expected.json here)
"""
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))

R = 8.314462618
VM = R * (25 + 273.15) / (1013.25 * 100) * 1000   # litres per mole
MOLAR_MASS = {"NO2": 46.0055}

FUNCTIONS = {  # pollutant -> (RR central, increment, minimum age, WHO 2021 AQG annual mean in ug/m3)
    "PM2.5": (1.08, 10.0, 30, 5.0),
    "NO2": (1.02, 10.0, 30, 10.0),
}

SECTORS = [("traffic", 0.4, 0.05, 0.02), ("industry", 0.6, 0.05, -0.01)]
MEASURES = [("low-emission zone", "traffic", 0.3, 2021, 2, 50.0), ("scrubbers", "industry", 0.25, 2022, 3, 80.0)]
# Capital and lifetime per measure (none for the zone): the scrubbers are bought in 2022 and again
# in 2026, and the 2026 build's three years after the horizon are credited in 2026.
CAPITAL = {"scrubbers": (300.0, 4)}
DISCOUNT_RATE = 0.04
GROUPS = [((0, 29), 4.0e6, 0.0005), ((30, 44), 2.5e6, 0.0012), ((45, 64), 2.0e6, 0.006),
          ((65, 79), 0.8e6, 0.025), ((80, None), 0.2e6, 0.09)]
LIFE_TABLE = ([0, 30, 45, 65, 80, 90], [78, 49.5, 35.4, 18.9, 9.1, 4.6])
VALUATION = {"vsl": 3.6, "unit": "million USD", "baseIncome": 45000, "income": 18000, "elasticity": 0.8}

PLANS = {
    "worked-pm25": {"pollutant": "PM2.5", "unit": "µg/m³", "c0": 40.0, "trend": -1.0, "counterfactual": None},
    "worked-pm25-counterfactual": {"pollutant": "PM2.5", "unit": "µg/m³", "c0": 40.0, "trend": -1.0, "counterfactual": 10.0},
    "worked-no2-ppb": {"pollutant": "NO2", "unit": "ppb", "c0": 25.0, "trend": -0.4, "counterfactual": None},
}
Y0, HORIZON = 2020, 2026


def yaml(plan):
    groups = "\n".join(f"    - {{ages: {lo}-{hi}, population: {pop}, baselineRate: {rate}}}" if hi is not None
                       else f"    - {{ages: {lo}+, population: {pop}, baselineRate: {rate}}}" for (lo, hi), pop, rate in GROUPS)
    sectors = "\n".join(f"  - {{name: {n}, share: {s}, sd: {sd}, growth: {g}}}" for n, s, sd, g in SECTORS)
    def capital(n):
        if n not in CAPITAL:
            return ""
        amount, life = CAPITAL[n]
        return f", capital: {amount}, lifetime: {life}"
    measures = "\n".join(f"  - {{name: {n}, sector: {s}, reduction: {r}, start: {st}, ramp: {rp}, annualCost: {c}{capital(n)}}}"
                         for n, s, r, st, rp, c in MEASURES)
    counterfactual = "" if plan["counterfactual"] is None else f"  counterfactual: {plan['counterfactual']}\n"
    ages, e = LIFE_TABLE
    return (f"pollutant: {plan['pollutant']}\nunit: {plan['unit']}\n"
            f"baseline: {{year: {Y0}, concentration: {plan['c0']}, trendPerYear: {plan['trend']}, trendSD: 0.5}}\n"
            f"horizon: {HORIZON}\ncostUnit: million USD\ndiscountRate: {DISCOUNT_RATE}\nsectors:\n{sectors}\nmeasures:\n{measures}\nhealth:\n"
            f"  ageGroups:\n{groups}\n  populationGrowth: 0.01\n  rateChange: -0.005\n{counterfactual}"
            f"  lifeTable: {{source: illustrative, ages: {ages}, remainingLifeExpectancy: {e}}}\n"
            f"  valuation: {{vsl: {VALUATION['vsl']}, unit: {VALUATION['unit']}, baseIncome: {VALUATION['baseIncome']}, "
            f"income: {VALUATION['income']}, elasticity: {VALUATION['elasticity']}}}\n"
            "draws: 200\nseed: 7\n")


def concentration(plan, year, selected):
    base = max(0.0, plan["c0"] + plan["trend"] * (year - Y0))
    weights = {n: s * (1 + g) ** (year - Y0) for n, s, _, g in SECTORS}
    total = sum(weights.values())
    remaining = dict(weights)
    for name, sector, r, start, ramp, _ in MEASURES:
        if name in selected and year >= start:
            remaining[sector] *= 1 - r * min(1.0, (year - start + 1) / ramp)
    return base * sum(remaining.values()) / total


def measure_cost(measure, year):
    """The undiscounted cost of a measure in a year: operating cost from its start, capital in its
    start year and every lifetime after while within the horizon, less the last build's unused
    years (straight line) credited in the horizon year."""
    name, _, _, start, _, operating = measure
    if year < start:
        return 0.0
    cost = operating
    if name in CAPITAL:
        amount, life = CAPITAL[name]
        builds = list(range(start, HORIZON + 1, life))
        if year in builds:
            cost += amount
        if year == HORIZON:
            cost -= amount * max(0, builds[-1] + life - 1 - HORIZON) / life
    return cost


def life_expectancy(age):
    ages, e = LIFE_TABLE
    if age >= ages[-1]:
        return e[-1]
    for k in range(1, len(ages)):
        if age < ages[k]:
            return e[k - 1] + (e[k] - e[k - 1]) * (age - ages[k - 1]) / (ages[k] - ages[k - 1])
    return e[0]


def figures(plan):
    rr, increment, min_age, aqg = FUNCTIONS[plan["pollutant"]]
    factor = MOLAR_MASS[plan["pollutant"]] / VM if plan["unit"] == "ppb" else 1.0
    beta = math.log(rr) / increment
    counted = [(ages, pop, rate) for ages, pop, rate in GROUPS if ages[0] >= min_age]
    expected0 = sum(pop * rate for _, pop, rate in counted)
    representative = lambda ages: (ages[0] + ages[1] + 1) / 2 if ages[1] is not None else ages[0]
    yll_per_death = sum(pop * rate * life_expectancy(representative(ages)) for ages, pop, rate in counted) / expected0
    counterfactual = aqg if plan["counterfactual"] is None else plan["counterfactual"] * factor
    vsl = VALUATION["vsl"] * (VALUATION["income"] / VALUATION["baseIncome"]) ** VALUATION["elasticity"]
    scenarios = {}
    totals = {}
    for name, selected in [("baseline", []), ("all measures", [m[0] for m in MEASURES])]:
        years = []
        for year in range(Y0, HORIZON + 1):
            t = year - Y0
            expected = expected0 * 1.01 ** t * (1 - 0.005) ** t
            central = concentration(plan, year, selected)
            reduction = concentration(plan, year, []) - central
            avoided = expected * (1 - math.exp(-beta * reduction * factor))
            attributable = expected * (1 - math.exp(-beta * max(0.0, central * factor - counterfactual)))
            cost = sum(measure_cost(m, year) for m in MEASURES if m[0] in selected)
            benefit = avoided * vsl
            years.append({"year": year, "central": central, "expectedCases": expected, "avoidedDeaths": avoided,
                          "attributableDeaths": attributable, "yearsOfLifeLostAvoided": avoided * yll_per_death,
                          "attributableYearsOfLifeLost": attributable * yll_per_death, "benefit": benefit,
                          "benefitCostRatio": benefit / cost if cost > 0 else None})
        d = lambda year: (1 + DISCOUNT_RATE) ** -(year - Y0)
        npc = sum(measure_cost(m, year) * d(year) for m in MEASURES if m[0] in selected for year in range(Y0, HORIZON + 1))
        present_benefit = sum(y["benefit"] * d(y["year"]) for y in years)
        scenarios[name] = years
        totals[name] = {"netPresentCost": npc, "presentBenefit": present_benefit,
                        "benefitCostRatio": present_benefit / npc if npc > 0 else None}
    return {"conversionFactor": factor, "counterfactual": counterfactual, "expectedCases": expected0,
            "yearsOfLifeLostPerDeath": yll_per_death, "valuePerDeath": vsl, "scenarios": scenarios, "totals": totals}


def main():
    expected = {}
    for name, plan in PLANS.items():
        with open(os.path.join(HERE, name + ".yaml"), "w", encoding="utf-8") as handle:
            handle.write(yaml(plan))
        expected[name] = figures(plan)
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as handle:
        json.dump(expected, handle, indent=1, sort_keys=True)
        handle.write("\n")


if __name__ == "__main__":
    main()
