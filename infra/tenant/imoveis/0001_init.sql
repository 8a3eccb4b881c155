-- imoveis tenant template: the carros layout applied to real estate, without what base/ holds. Runs inside
-- the tenant's own database, after the base series: visitas refers to base's customers.

CREATE TABLE imoveis (
  id INT PRIMARY KEY AUTO_INCREMENT,
  titulo VARCHAR(255) NOT NULL,
  tipo ENUM('casa', 'apartamento', 'terreno', 'comercial') NOT NULL,
  finalidade ENUM('venda', 'aluguel') NOT NULL,
  endereco VARCHAR(255),
  bairro VARCHAR(120),
  cidade VARCHAR(120),
  uf CHAR(2),
  quartos INT,
  banheiros INT,
  vagas INT,
  area_m2 DECIMAL(10,2),
  preco DECIMAL(14,2),
  condominio DECIMAL(10,2),
  descricao TEXT,
  status ENUM('disponivel', 'reservado', 'vendido', 'alugado') DEFAULT 'disponivel',
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  INDEX idx_status (status),
  INDEX idx_tipo_finalidade (tipo, finalidade),
  INDEX idx_cidade_bairro (cidade, bairro)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE imagens (
  id INT PRIMARY KEY AUTO_INCREMENT,
  imovel_id INT NOT NULL,
  url VARCHAR(500),
  ordem INT DEFAULT 0,
  is_principal BOOLEAN DEFAULT 0,
  FOREIGN KEY (imovel_id) REFERENCES imoveis(id) ON DELETE CASCADE,
  INDEX idx_imovel (imovel_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE visitas (
  id INT PRIMARY KEY AUTO_INCREMENT,
  customer_id INT NOT NULL,
  imovel_id INT NOT NULL,
  data_agendada DATETIME NOT NULL,
  status ENUM('pendente', 'confirmado', 'realizado', 'cancelado') DEFAULT 'pendente',
  observacoes TEXT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (imovel_id) REFERENCES imoveis(id),
  INDEX idx_data (data_agendada),
  INDEX idx_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
