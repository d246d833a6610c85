import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opportunityStage } from '../schema/entities';
import { DEFAULT_RULES } from './default-rules';
import { stageProbability } from './stage-probability';
import { weightedForecast } from './weighted-forecast';

describe('weighted forecast', () => {
  it.each([
    ['development', 10],
    ['initiation', 20],
    ['proposal', 40],
    ['bidding', 60],
    ['negotiation', 80],
    ['implementation', 100],
    ['lost', 0],
  ] as const)('%s wins with probability %i%%', (stage, probability) => {
    expect(stageProbability(stage, DEFAULT_RULES)).toBe(probability);
  });

  it('sums amount × probability over a sample pipeline', () => {
    const pipeline = [
      { amount: 200_000, stage: 'development' }, // 20,000
      { amount: 500_000, stage: 'initiation' }, // 100,000
      { amount: 300_000, stage: 'proposal' }, // 120,000
      { amount: 1_000_000, stage: 'bidding' }, // 600,000
      { amount: 800_000, stage: 'negotiation' }, // 640,000
      { amount: 150_000, stage: 'implementation' }, // 150,000
      { amount: 900_000, stage: 'lost' }, // 0
      { amount: 100_000, stage: 'bidding' }, // 60,000
    ] as const;
    const forecast = weightedForecast(pipeline, DEFAULT_RULES);
    expect(forecast.total).toBe(1_690_000);
    expect(forecast.byStage.bidding).toEqual({ count: 2, amount: 1_100_000, probability: 60, weighted: 660_000 });
    expect(forecast.byStage.lost?.weighted).toBe(0);
  });

  it('is never more than the pipeline nor less than the won part', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ amount: fc.integer({ min: 0, max: 1e8 }), stage: fc.constantFrom(...opportunityStage.options) }),
        ),
        (pipeline) => {
          const { total } = weightedForecast(pipeline, DEFAULT_RULES);
          const all = pipeline.reduce((sum, o) => sum + o.amount, 0);
          const won = pipeline.filter((o) => o.stage === 'implementation').reduce((sum, o) => sum + o.amount, 0);
          expect(total).toBeLessThanOrEqual(all + 0.01);
          expect(total).toBeGreaterThanOrEqual(won - 0.01);
        },
      ),
    );
  });
});
