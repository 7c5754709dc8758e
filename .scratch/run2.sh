#!/bin/bash
cd /work/wt-counters
for f in test/integration/transaction-conflicts.test.ts test/integration/dashboard.test.ts test/integration/survey.test.ts test/unit/benchmarks-md.test.ts; do
  timeout 900 npx vitest run $f > /tmp/ctr/run2-$(basename $f).log 2>&1
  echo "$f rc=$? $(grep -E 'Tests ' /tmp/ctr/run2-$(basename $f).log | tail -1)" >> /tmp/ctr/summary2.log
done
echo DONE >> /tmp/ctr/summary2.log
