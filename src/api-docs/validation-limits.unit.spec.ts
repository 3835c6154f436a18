import 'reflect-metadata';
import { ArrayMaxSize, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { withValidationLimits } from './validation-limits';

const LIMIT = 100;

class ParentDto {
  @Max(LIMIT)
  readonly inherited!: number;
}

class ChildDto extends ParentDto {
  @Min(1)
  @Max(LIMIT)
  readonly count!: number;

  @MaxLength(64, { each: true })
  @ArrayMaxSize(LIMIT)
  readonly tags!: string[];

  @IsOptional()
  @MaxLength(LIMIT)
  readonly note?: string;
}

describe('withValidationLimits', () => {
  it('adds the limits the plugin left out, keeps what it wrote, and leaves per-item limits and inherited rules alone', async () => {
    const child = { count: { type: () => Number, minimum: 5 }, tags: { type: () => [String] }, note: { required: false } };
    const parent = { inherited: { type: () => Number } };
    const metadata = {
      '@nestjs/swagger': { models: [[Promise.resolve({ ChildDto, ParentDto }), { ChildDto: child, ParentDto: parent }]] },
    };
    await withValidationLimits(metadata);
    expect(child.count).toEqual({ type: expect.any(Function), minimum: 5, maximum: LIMIT });
    expect(child.tags).toEqual({ type: expect.any(Function), maxItems: LIMIT });
    expect(child.note).toEqual({ required: false, maxLength: LIMIT });
    expect(parent.inherited).toEqual({ type: expect.any(Function), maximum: LIMIT });
  });

  it('passes metadata without models through', async () => {
    expect(await withValidationLimits({})).toEqual({});
  });
});
