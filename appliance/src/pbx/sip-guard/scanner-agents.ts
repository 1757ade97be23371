/**
 * User-Agent strings of SIP scanners and toll-fraud tools. A request that
 * carries one gets its source banned at once: no real phone sends them.
 */
const SCANNERS = [
  /friendly-scanner/i,
  /sipvicious/i,
  /sipcli/i,
  /sip-scan/i,
  /sipscan/i,
  /sundayddr/i,
  /iwar/i,
  /VaxSIPUserAgent/i,
  /pplsip/i,
  /smap/i,
  /sipsscuser/i,
  /siparmyknife/i,
  /Custom ?SIP ?Scanner/i,
];

export function isScannerAgent(userAgent: string | undefined): boolean {
  return userAgent !== undefined && SCANNERS.some((p) => p.test(userAgent));
}
