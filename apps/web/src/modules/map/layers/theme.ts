/**
 * Colour and size tokens of the map. Layer definitions take every colour from here, so a theme
 * change is one file. Unit grid lines are magenta (品红色), as DB11/T 1334-style grid maps draw them.
 */
export const mapTheme = {
  background: '#f4f3ef',
  labelHalo: '#ffffff',
  labelFont: ['sans-serif'],
  district: {
    line: '#3d4a5c',
  },
  street: {
    line: '#5b6b82',
    label: '#2f3b4c',
  },
  community: {
    fill: '#dde6ef',
    fillOpacity: 0.45,
    line: '#8fa1b5',
    label: '#4a5a6e',
  },
  grid: {
    line: '#d81b8c',
    label: '#9c1266',
  },
  road: {
    arterial: '#e89b3c',
    secondary: '#f0c060',
    branch: '#c8c2b4',
    lane: '#d8d3c8',
  },
} as const;
