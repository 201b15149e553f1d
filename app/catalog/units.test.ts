import { describe, expect, it } from "vitest";
import { formatSpecValueBothSystems } from "./units";

describe("a spec value in both unit systems", () => {
  it("adds the U.S. customary value to a metric one and the metric value to a customary one", () => {
    expect(formatSpecValueBothSystems(7.5, "kW")).toBe("7.5 kW (10.1 hp)");
    expect(formatSpecValueBothSystems(100, "hp")).toBe("100 hp (74.6 kW)");
    expect(formatSpecValueBothSystems(2400, "mm")).toBe("2,400 mm (94.5 in)");
    expect(formatSpecValueBothSystems(10, "bar")).toBe("10 bar (145 psi)");
    expect(formatSpecValueBothSystems(90, "°C")).toBe("90 °C (194 °F)");
    expect(formatSpecValueBothSystems(-40, "°C")).toBe("-40 °C (-40 °F)");
    expect(formatSpecValueBothSystems(5, "t")).toBe("5 t (11,000 lb)");
    expect(formatSpecValueBothSystems(3200, "kW", "heat_duty")).toBe("3,200 kW (10,900,000 Btu/h)");
    expect(formatSpecValueBothSystems(40, "bar", "max_pressure")).toBe("40 bar (580 psi)");
    expect(formatSpecValueBothSystems(1000, "L")).toBe("1,000 L (264 gal)");
    expect(formatSpecValueBothSystems(120, "m³/h")).toBe("120 m³/h (528 gpm)");
    expect(formatSpecValueBothSystems(12, "m/min")).toBe("12 m/min (39.4 ft/min)");
  });

  it("leaves values whose unit has no usual counterpart, and text values, as they are", () => {
    expect(formatSpecValueBothSystems(230, "V")).toBe("230 V");
    expect(formatSpecValueBothSystems(1750, "rpm")).toBe("1,750 rpm");
    expect(formatSpecValueBothSystems(0.1, "mg")).toBe("0.1 mg");
    expect(formatSpecValueBothSystems(95, "%")).toBe("95%");
    expect(formatSpecValueBothSystems("316 stainless steel", null)).toBe("316 stainless steel");
  });
});
