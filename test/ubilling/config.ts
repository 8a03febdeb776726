// The Ubilling settings the emulator honours, named as in userstats.ini / openpayz.ini / alter.ini
// (docs/ubilling-api.md). Tests change them on `emu.config` between requests.

export interface UbillingConfig {
  /** userstats.ini: the XMLAgent is on; off gives `{"reason":"disabled"}`. */
  UBA_ENABLED: boolean;
  /** userstats.ini: requests must also carry `uberkey` = md5(serial). */
  XMLAGENT_EXTENDED_AUTH_ON: boolean;
  /** The instance serial ("UB" + 32 hex): `uberkey` source and the RemoteAPI key. */
  serial: string;
  currency: string;
  PAYMENTS_ENABLED: boolean;
  PAYMENTS_ONLYPOSITIVE: boolean;
  OPENPAYZ_ENABLED: boolean;
  /** On: payid is CRC32(login) (op_customers view); off: the IP as an integer. */
  OPENPAYZ_REALID: boolean;
  /** userstats.ini ONLINELEFT_COUNT: the profile's accountexpire counts days left. */
  ONLINELEFT_COUNT: boolean;
  /** userstats.ini CITY_DISPLAY: the city leads the profile's address. */
  CITY_DISPLAY: boolean;
  /** userstats.ini ZERO_TOLERANCE: apartment 0 is left out of the address, with its slash. */
  ZERO_TOLERANCE: boolean;
  /** userstats.ini UBA_XML_ADDRESS_STRUCT: the profile adds cityname, streetname, buildnum, apt. */
  UBA_XML_ADDRESS_STRUCT: boolean;

  AF_ENABLED: boolean;
  /** The one-time freeze fee, as written in the ini ("" or "0" for none). */
  AF_FREEZPRICE: string;
  AF_CASHTYPEID: number;
  /** Raw comma list; undefined = the option is missing (freezedata says false). */
  AF_TARIFFSALLOWED: string | undefined;
  AF_TARIFF_ALLOW_ANY: boolean;
  FREEZE_ALLOW_ON_NEGATIVE_BALANCE: boolean;
  FREEZE_DAYS_CHARGE_ENABLED: boolean;
  XMLAGENT_SELF_UNFREEZE_ALLOWED: boolean;

  TC_EXTENDED_MATRIX: boolean;
  TC_TARIFFSALLOWED: string[];
  TC_TARIFFENABLEDFROM: string[];
  /** tariffmatrix.ini: current tariff → tariffs it may switch to (with TC_EXTENDED_MATRIX). */
  tariffMatrix: Record<string, string[]>;

  SC_ENABLED: boolean;
  SC_MINDAY: number;
  SC_MAXDAY: number;
  SC_TERM: number;
  SC_PRICE: number;
  SC_CASHTYPEID: number;
  SC_MONTHCONTROL: boolean;
  /** Empty = every tariff may take a credit. */
  SC_TARIFFSALLOWED: string[];
  SC_HACKCONTROL: boolean;
  /** tariffprice = |cash| + tariff fee × SC_TERM, and no day-tariff multiplication. */
  SC_DAILY_FIX: boolean;

  /** openpayz.ini OP_HIGHLOAD_ENABLE (with alter.ini's pair): payments queue for `opprocessing`. */
  OP_HIGHLOAD_ENABLE: boolean;
  /** The cash type of OpenPayz payments (UB_CASHTYPE / OPENPAYZ_CASHTYPEID). */
  OPENPAYZ_CASHTYPEID: number;
  REMOTEAPI_ENABLED: boolean;
}

export function defaultConfig(): UbillingConfig {
  return {
    UBA_ENABLED: true,
    XMLAGENT_EXTENDED_AUTH_ON: false,
    serial: "UB0123456789abcdef0123456789abcdef",
    currency: "UAH",
    PAYMENTS_ENABLED: true,
    PAYMENTS_ONLYPOSITIVE: false,
    OPENPAYZ_ENABLED: true,
    OPENPAYZ_REALID: true,
    ONLINELEFT_COUNT: false,
    CITY_DISPLAY: true,
    ZERO_TOLERANCE: true,
    UBA_XML_ADDRESS_STRUCT: false,
    AF_ENABLED: true,
    AF_FREEZPRICE: "0",
    AF_CASHTYPEID: 1,
    AF_TARIFFSALLOWED: "",
    AF_TARIFF_ALLOW_ANY: true,
    FREEZE_ALLOW_ON_NEGATIVE_BALANCE: false,
    FREEZE_DAYS_CHARGE_ENABLED: false,
    XMLAGENT_SELF_UNFREEZE_ALLOWED: false,
    TC_EXTENDED_MATRIX: false,
    TC_TARIFFSALLOWED: [],
    TC_TARIFFENABLEDFROM: [],
    tariffMatrix: {},
    SC_ENABLED: true,
    SC_MINDAY: 1,
    SC_MAXDAY: 31,
    SC_TERM: 5,
    SC_PRICE: 0,
    SC_CASHTYPEID: 1,
    SC_MONTHCONTROL: true,
    SC_TARIFFSALLOWED: [],
    SC_HACKCONTROL: false,
    SC_DAILY_FIX: false,
    OP_HIGHLOAD_ENABLE: false,
    OPENPAYZ_CASHTYPEID: 1,
    REMOTEAPI_ENABLED: true,
  };
}
