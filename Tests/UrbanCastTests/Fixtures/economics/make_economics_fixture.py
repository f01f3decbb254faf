"""Net present costs for Tests/UrbanCastTests/EconomicsTests.swift, computed independently of
UrbanCast's Swift code from the written convention (Sources/UrbanCast/Economics/Economics.swift):

- flows of year y fall at the end of y and are discounted by (1 + r) ** -(y - base);
- flows before the base year are sunk (not counted);
- capital is paid evenly over the lead years before the first service year (in the first service
  year without a lead time), again in full at each renewal (first service + k * lifetime while
  within the horizon);
- operating cost is paid in every service year up to the horizon;
- at the horizon the last build's unused life is credited: capital * unused / lifetime, times the
  share of that build's capital paid in or after the base year.

Simulates the asset year by year (a different construction from the Swift code, which adds flows
into an array) and writes economics_cases.json. Run: python3 make_economics_fixture.py
"""
import json
import random
from fractions import Fraction


def npc(capital, operating, lifetime, lead, service, horizon, base, rate):
    total = Fraction(0)
    r = Fraction(rate)

    def discount(year):
        return (1 + r) ** -(year - base) if year >= base else Fraction(0)

    if service > horizon:
        return 0.0
    # Build years: list of (service start, capital payment years with amounts)
    builds = []
    start = service
    first = True
    while start <= horizon:
        if first and lead > 0:
            payments = [(y, Fraction(capital) / lead) for y in range(start - lead, start)]
        else:
            payments = [(start, Fraction(capital))]
        builds.append((start, payments))
        first = False
        if lifetime is None or capital == 0:
            break
        start += lifetime
    for _, payments in builds:
        for year, amount in payments:
            total += amount * discount(year)
    year = service
    while year <= horizon:
        total += Fraction(operating) * discount(year)
        year += 1
    if lifetime is not None and capital > 0:
        last_start, payments = builds[-1]
        last_service_year = last_start + lifetime - 1
        unused = max(0, last_service_year - horizon)
        counted = sum(1 for y, _ in payments if y >= base)
        share = Fraction(counted, len(payments))
        total -= Fraction(capital) * unused / lifetime * share * discount(horizon)
    return float(total)


def main():
    rng = random.Random(20261207)
    cases = []
    # Hand-checkable cases first.
    cases.append(dict(capital=100, operating=0, lifetime=10, lead=0, service=2021, horizon=2030, base=2020, rate=0.0))
    cases.append(dict(capital=100, operating=5, lifetime=10, lead=0, service=2021, horizon=2025, base=2020, rate=0.0))
    cases.append(dict(capital=100, operating=5, lifetime=4, lead=2, service=2023, horizon=2030, base=2020, rate=0.05))
    cases.append(dict(capital=100, operating=0, lifetime=30, lead=0, service=2015, horizon=2030, base=2020, rate=0.03))
    cases.append(dict(capital=90, operating=1, lifetime=30, lead=3, service=2021, horizon=2030, base=2020, rate=0.03))
    cases.append(dict(capital=0, operating=7, lifetime=None, lead=0, service=2018, horizon=2030, base=2020, rate=0.03))
    for _ in range(60):
        capital = rng.choice([0, round(rng.uniform(1, 500), 2)])
        lifetime = rng.randint(1, 25) if capital > 0 or rng.random() < 0.5 else None
        base = 2020
        horizon = base + rng.randint(0, 30)
        cases.append(dict(capital=capital, operating=round(rng.uniform(0, 40), 2), lifetime=lifetime,
                          lead=rng.randint(0, 5), service=base + rng.randint(-6, 32), horizon=horizon, base=base,
                          rate=rng.choice([0.0, 0.02, 0.03, 0.07, 0.1])))
    for case in cases:
        case["npc"] = npc(case["capital"], case["operating"], case["lifetime"], case["lead"], case["service"],
                          case["horizon"], case["base"], case["rate"])
    with open("economics_cases.json", "w") as out:
        json.dump(cases, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
