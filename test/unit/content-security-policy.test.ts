import { describe, expect, it } from 'vitest';
import { tileSource } from '../../lib/content-security-policy.ts';

describe('tileSource', () => {
  it('should keep scheme, host and port of a tile URL template', () => {
    // Act
    const source = tileSource('http://localhost:8080/tiles/{z}/{x}/{y}.png');

    // Assess
    expect(source).toBe('http://localhost:8080');
  });

  it('should turn a {s} subdomain placeholder into a wildcard', () => {
    // Act
    const source = tileSource('https://{s}.Tile.Example.kz/{z}/{x}/{y}.png');

    // Assess
    expect(source).toBe('https://*.tile.example.kz');
  });

  it('should refuse a template that is not an http(s) URL, so a wrong setting fails the synth', () => {
    // Act / Assess
    expect(() => tileSource('tiles.example.kz/{z}/{x}/{y}.png')).toThrow('mapTiles url must be an http(s) URL template');
    expect(() => tileSource("https://tiles.example.kz; script-src 'unsafe-inline'/{z}")).toThrow('unusable host');
  });
});
