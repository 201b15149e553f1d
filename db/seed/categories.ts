import type { SeedCategory } from "./types";

export const seedCategories: SeedCategory[] = [
  {
    slug: "industrial-equipment",
    name: "Industrial equipment",
    description:
      "Compressors, pumps, heat exchangers and valves for refineries, chemical plants, utilities and general manufacturing.",
    children: [
      {
        slug: "air-compressors",
        name: "Air compressors",
        description: "Rotary screw and oil-free compressors for plant air and process gas duty.",
      },
      {
        slug: "centrifugal-pumps",
        name: "Centrifugal pumps",
        description: "End-suction, multistage and API process pumps for water, chemicals and hydrocarbons.",
      },
      {
        slug: "heat-exchangers",
        name: "Heat exchangers",
        description: "Plate and shell-and-tube exchangers for heating, cooling and heat recovery.",
      },
      {
        slug: "industrial-valves",
        name: "Industrial valves",
        description: "Ball, gate, butterfly and control valves for process and utility lines.",
      },
    ],
  },
  {
    slug: "instruments",
    name: "Instruments",
    description: "Measurement and analytical instruments for process plants, quality control and laboratories.",
    children: [
      {
        slug: "pressure-gauges",
        name: "Pressure gauges",
        description: "Bourdon-tube, diaphragm and digital gauges for process and test duty.",
      },
      {
        slug: "flow-meters",
        name: "Flow meters",
        description: "Electromagnetic, Coriolis, vortex and ultrasonic meters for liquids and gases.",
      },
      {
        slug: "analytical-balances",
        name: "Analytical balances",
        description: "Analytical, precision and moisture balances for laboratories and QC.",
      },
      {
        slug: "ph-meters",
        name: "pH meters",
        description: "Benchtop, portable and in-line pH/ORP meters and transmitters.",
      },
    ],
  },
  {
    slug: "machinery",
    name: "Machinery",
    description:
      "Machine tools, presses, welding equipment and agricultural machinery for fabrication shops and farms.",
    children: [
      {
        slug: "cnc-lathes",
        name: "CNC lathes",
        description: "Slant-bed turning centers and bar-fed lathes for production machining.",
      },
      {
        slug: "hydraulic-presses",
        name: "Hydraulic presses",
        description: "H-frame, C-frame and four-column presses for forming, pressing and assembly.",
      },
      {
        slug: "welding-machines",
        name: "Welding machines",
        description: "MIG, TIG, stick and multi-process welding power sources.",
      },
      {
        slug: "agricultural-machinery",
        name: "Agricultural machinery",
        description: "Tractors, seed drills, sprayers and harvesting equipment.",
      },
    ],
  },
  {
    slug: "food-processing-systems",
    name: "Food processing systems",
    description: "Hygienic mixing, heat treatment, filling and conveying systems for food, dairy and beverage plants.",
    children: [
      {
        slug: "mixers",
        name: "Mixers",
        description: "Planetary, spiral, ribbon and high-shear mixers for doughs, powders and emulsions.",
      },
      {
        slug: "pasteurizers",
        name: "Pasteurizers",
        description: "HTST, batch and tunnel pasteurizers for milk, juice and beverages.",
      },
      {
        slug: "filling-machines",
        name: "Filling machines",
        description: "Piston, gravity, volumetric and aseptic fillers for liquids and pastes.",
      },
      {
        slug: "conveyors",
        name: "Conveyors",
        description: "Sanitary belt, modular and screw conveyors for food lines.",
      },
    ],
  },
  {
    slug: "new-energy-solutions",
    name: "New energy solutions",
    description:
      "Solar inverters, battery storage, hydrogen electrolyzers and EV charging for commercial and industrial sites.",
    children: [
      {
        slug: "solar-inverters",
        name: "Solar inverters",
        description: "String and central inverters for commercial and utility PV plants.",
      },
      {
        slug: "battery-storage",
        name: "Battery storage",
        description: "LFP battery energy storage systems for peak shaving, backup and PV self-consumption.",
      },
      {
        slug: "hydrogen-electrolyzers",
        name: "Hydrogen electrolyzers",
        description: "PEM and alkaline electrolyzers for green hydrogen production.",
      },
      {
        slug: "ev-chargers",
        name: "EV chargers",
        description: "AC and DC fast chargers for fleets, depots and public sites.",
      },
    ],
  },
];
