// `npm run simulate -- --rate 2`: a simulated FreeSWITCH on the Event Socket port for demos and load tests.
// Point the API at it with the FREESWITCH_ESL line it prints. All traffic it produces is generated.
import { runSimulatorCli } from '@switchboard/api/data-access-esl/testing';

runSimulatorCli(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
