/**
 * The flooding tenant of `npm run bench:noisy`, in a process of its own so that its load generator
 * does not steal the event loop of the one measuring the quiet tenants: requests for one tenant at
 * a fixed rate (open loop: enough connections that a slow answer does not slow the sending), with
 * the answers counted by status. Reports through IPC.
 */
import autocannon from 'autocannon';

const { FLOOD_URL, FLOOD_KEY, FLOOD_RATE, FLOOD_SECONDS, FLOOD_CONNECTIONS } = process.env;

autocannon({
  url: `${FLOOD_URL}/veiculos`,
  headers: { 'x-tenant-key': FLOOD_KEY! },
  overallRate: Number(FLOOD_RATE),
  duration: Number(FLOOD_SECONDS),
  connections: Number(FLOOD_CONNECTIONS),
}).then(
  (result) => {
    const byStatus = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, (stats as { count: number }).count]));
    process.send!({ sent: result.requests.sent, rate: result.requests.average, byStatus, errors: result.errors, timeouts: result.timeouts }, () => process.exit(0));
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
