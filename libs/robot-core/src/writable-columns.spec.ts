import { writableColumns } from './writable-columns';

describe('writable columns', () => {
  const veiculos = writableColumns({ marca: 'brand', status: 'status', km: 'mileage' }, (field, value) =>
    field === 'status' ? `db:${value}` : value,
  );

  it('names only listed columns, in the listed order, for the fields given a value (null clears)', () => {
    expect(veiculos.insert({ km: null, marca: 'Fiat', status: 'vendido' })).toEqual({
      sql: '(brand, status, mileage) VALUES (?)',
      params: [['Fiat', 'db:vendido', null]],
    });
    expect(veiculos.assignments({ km: 100, marca: undefined })).toEqual({ sql: 'mileage = ?', params: [100] });
  });

  it('never takes a column name from the input', () => {
    const hostile = { marca: 'Fiat', 'id = 1; DROP TABLE cars; --': 'x' } as Record<string, unknown>;
    expect(veiculos.assignments(hostile)).toEqual({ sql: 'brand = ?', params: ['Fiat'] });
  });

  it('takes a list where fields and columns share names', () => {
    expect(writableColumns(['titulo', 'preco'] as const).assignments({ preco: 10, titulo: 'Casa' })).toEqual({
      sql: 'titulo = ?, preco = ?',
      params: ['Casa', 10],
    });
  });
});
