import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TestBusinessDto } from '../test-submissions/test-submission.request.dto';
import { toPlainText } from './plain-text';

describe('toPlainText', () => {
  it('keeps plain text as it is, ampersands, quotes and comparisons included', () => {
    for (const text of ['Tom & Jerry\'s "Best" Plumbing', 'Prices from 5 < 10 > 2 dollars', 'Ünïcødé — ok ✓', 'AT&T R&D', '']) {
      expect(toPlainText(text)).toBe(text);
    }
  });

  it('removes tags, and scripts and styles with their content', () => {
    expect(toPlainText('<b>Best</b> plumbing<script>alert(1)</script> in <i>town</i>')).toBe('Best plumbing in town');
    expect(toPlainText('x<style>body{display:none}</style>y<img src=x onerror=alert(1)>z')).toBe('xyz');
    expect(toPlainText('<a href="javascript:alert(1)">click</a>')).toBe('click');
    expect(toPlainText('<iframe src="https://evil.test"></iframe>ok<!-- hidden -->')).toBe('ok');
  });

  it('removes markup hidden behind entities, however deep', () => {
    expect(toPlainText('&lt;script&gt;alert(1)&lt;/script&gt;Hi')).toBe('Hi');
    expect(toPlainText('&amp;lt;img src=x onerror=alert(1)&amp;gt;Hi')).toBe('Hi');
    expect(toPlainText('Tom &amp; Jerry')).toBe('Tom & Jerry');
  });

  it('is idempotent', () => {
    for (const text of ['<b>x</b>&lt;i&gt;', 'a < b & c', '&amp;amp;lt;script&amp;amp;gt;x']) {
      expect(toPlainText(toPlainText(text))).toBe(toPlainText(text));
    }
  });
});

describe('@PlainText() on a listing DTO', () => {
  it('cleans every free-text field before validation, so limits count what is kept', () => {
    const dto = plainToInstance(TestBusinessDto, {
      businessName: '<b>Acme</b> & Sons',
      email: 'a@acme.test',
      description: `Best<script>${'x'.repeat(6000)}</script> in town`,
      city: '<i>Springfield</i>',
      contactName: '<img src=x onerror=alert(1)>Ana',
    });
    expect(validateSync(dto)).toEqual([]);
    expect(dto).toMatchObject({ businessName: 'Acme & Sons', description: 'Best in town', city: 'Springfield', contactName: 'Ana' });
  });

  it('leaves a name that was only markup blank, which validation refuses', () => {
    const dto = plainToInstance(TestBusinessDto, { businessName: '<script>x</script>', email: 'a@acme.test' });
    expect(validateSync(dto).map((error) => error.property)).toEqual(['businessName']);
  });
});
