import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RegisterDto } from './auth.dto';

const base = {
  email: '  Marie@Example.FR ',
  password: 'motdepasse',
  name: 'Marie',
};

describe('RegisterDto', () => {
  it('normalises the email so that uniqueness ignores case', () => {
    const dto = plainToInstance(RegisterDto, { ...base, role: 'client' });
    expect(validateSync(dto)).toEqual([]);
    expect(dto.email).toBe('marie@example.fr');
  });

  it('requires the garage of a garagiste', () => {
    const errors = validateSync(plainToInstance(RegisterDto, { ...base, role: 'garagiste' }));
    expect(errors.map((error) => error.property)).toEqual(['garage']);
  });

  it('validates the nested garage fields', () => {
    const dto = plainToInstance(RegisterDto, {
      ...base,
      role: 'garagiste',
      garage: { name: 'Garage', city: '', address: '1 rue' },
    });
    const [error] = validateSync(dto);
    expect(error.children?.[0].property).toBe('city');
  });

  it('refuses unknown roles and short passwords', () => {
    const errors = validateSync(
      plainToInstance(RegisterDto, {
        ...base,
        role: 'admin',
        password: 'court',
      }),
    );
    expect(errors.map((error) => error.property).sort()).toEqual(['password', 'role']);
  });
});
