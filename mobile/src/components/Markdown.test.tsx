import { fireEvent, screen, within } from '@testing-library/react-native';
import { StyleSheet } from 'react-native';

import { renderWithProviders } from '@/test/render';
import { fonts } from '@/theme';

import { Markdown } from './Markdown';

const BODY = `## A subheading

Text with \`inline code\` and [a link](https://example.com/docs).

\`\`\`
const aVeryLongLineOfCodeThatWouldNotFitOnAPhoneScreen = somethingElse(withArguments, andMore, andEvenMore);
\`\`\`

| Year | Place | Height | Notes | Source |
|------|-------|--------|-------|--------|
| 1901 | Harbour | 31 m | first light | archive |

![A lighthouse at dusk](https://images.example/missing.png)
`;

const style = (el: { props: { style?: unknown } }) =>
  StyleSheet.flatten(el.props.style as never) as Record<string, unknown>;

describe('Markdown (article typography)', () => {
  it('keeps subheadings below the post title’s 28 pt and marks them as headings', () => {
    renderWithProviders(<Markdown value={BODY} />);

    const heading = screen.getByRole('header', { name: 'A subheading' });
    expect(style(heading).fontSize).toBeLessThan(28);
    expect(style(heading).fontSize).toBeGreaterThan(18);
  });

  it('sets inline code upright in a monospace, and links upright and underlined', () => {
    renderWithProviders(<Markdown value={BODY} />);

    const code = style(screen.getByText(/inline code/));
    expect(code.fontFamily).toBe(fonts.mono);
    expect(code.fontStyle).toBe('normal');
    const link = screen.getByRole('link', { name: 'a link' });
    expect(style(link).fontStyle).toBe('normal');
    expect(style(link).textDecorationLine).toBe('underline');
  });

  it('puts code blocks in a monospace that scrolls sideways instead of being cut off', () => {
    renderWithProviders(<Markdown value={BODY} />);

    const block = screen.getByTestId('md-code');
    expect(block.props.horizontal).toBe(true);
    expect(style(within(block).getByText(/aVeryLongLineOfCode/)).fontFamily).toBe(fonts.mono);
  });

  it('keeps every column of a table, scrolling sideways', () => {
    renderWithProviders(<Markdown value={BODY} />);

    const table = screen.getByTestId('md-table');
    expect(table.props.horizontal).toBe(true);
    for (const text of ['Year', 'Place', 'Height', 'Notes', 'Source', '1901', 'archive']) {
      expect(within(table).getByText(text)).toBeOnTheScreen();
    }
  });

  it('shows an image’s description when the image cannot load', () => {
    renderWithProviders(<Markdown value={BODY} />);

    fireEvent(screen.getByLabelText('A lighthouse at dusk'), 'error', { nativeEvent: { error: '404' } });

    expect(screen.getByTestId('md-image-failed')).toHaveTextContent('A lighthouse at dusk');
  });
});
