// The provider's office: the only place where cash is accepted.
export const office = {
  phone: "+78007005405",
  /** Ул. Ленина 52а, Каспийск. */
  location: { latitude: 42.8816, longitude: 47.6389 },
} as const;
