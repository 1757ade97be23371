/**
 * Baseline for the registration bench, run as its own process: answers each
 * REGISTER with a canned 401 or 200 built by string slicing — no parsing, no
 * digest, no state. What SIPp achieves against it is the ceiling of the
 * load generator, the loopback and a Bun UDP socket on this machine.
 */
export {};

const port = Number(process.argv[2]);
const CHALLENGE = 'WWW-Authenticate: Digest realm="bench", nonce="0123456789abcdef", algorithm=MD5, qop="auth"\r\n';
const socket = await Bun.udpSocket({
  hostname: '127.0.0.1',
  port,
  socket: {
    data(s, buf, fromPort, address) {
      const text = buf.toString('latin1');
      const authorized = text.includes('\r\nAuthorization:');
      const copied = text.split('\r\n').filter((l) => /^(Via|From|To|Call-ID|CSeq):/.test(l));
      s.send(`SIP/2.0 ${authorized ? '200 OK' : '401 Unauthorized'}\r\n${copied.join('\r\n')}\r\n${authorized ? '' : CHALLENGE}Content-Length: 0\r\n\r\n`, fromPort, address);
    },
  },
});
process.stdout.write(`ready ${socket.port}\n`);
process.on('SIGTERM', () => process.exit(0));
